"""Print pip constraints that pin every requirement in settings.ini with a lower bound to that bound:
the oldest versions the package claims to support. Usage: python .ci/oldest.py > oldest.txt"""
import configparser, re, shlex
cfg = configparser.ConfigParser(delimiters=['=']); cfg.read('settings.ini', encoding='utf-8')
reqs = shlex.split(cfg['DEFAULT'].get('requirements', '')) + cfg['DEFAULT'].get('dev_requirements', '').split()
for req in reqs:
    m = re.match(r'^([A-Za-z0-9_.\-\[\]]+).*?>=\s*([0-9][^,;\s]*)', req)
    if m: print(f'{m.group(1)}=={m.group(2)}')
