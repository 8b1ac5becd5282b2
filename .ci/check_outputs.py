"""Fail when a committed lesson's saved outputs come from a test run. Each lesson's first output is the line that
`helpers.core.run_info()` prints: 'full run, <date>, torch ..., <device>' or 'test run, ...' (IN_TEST set).
Lessons with no such line yet are listed, not failed: their outputs predate the line."""
import json, re, sys
from pathlib import Path

def run_line(nb_path:Path) -> str|None:
    "The first saved output line that names a run, or None"
    for c in json.loads(nb_path.read_text())['cells']:
        for o in c.get('outputs', []):
            text = ''.join(o.get('text', '')) or ''.join(o.get('data', {}).get('text/plain', ''))
            m = re.search(r'^(full|test) run, .*$', text, re.M)
            if m: return m.group(0)
    return None

lessons = sorted(Path('nbs').glob('0*.ipynb'))
lines = {p.name: run_line(p) for p in lessons}
bad = [f'  {n}: {l}' for n, l in lines.items() if l and l.startswith('test run')]
for n, l in lines.items(): print(f'{n:28} {l or "(no run line: outputs predate it)"}')
if bad:
    print('These lessons keep the outputs of a test run; execute them at full size and save the outputs '
          '(python .ci/full_run.py --save NOTEBOOK), then nbdev_clean:\n' + '\n'.join(bad))
    sys.exit(1)
