"""Execute lesson notebooks top to bottom at full size (IN_TEST unset), as a student runs them.
Cells flagged with nbdev's test flags (`#| slow`, `#| notest`) are skipped, as `nbdev_test` skips them.
Usage: python .ci/full_run.py nbs/00a_core.ipynb nbs/03_optimizers.ipynb ... [--workers 2] [--save]
With --save, a notebook that passed is written back with its outputs (then run nbdev_clean): the saved outputs a
student reads first come from this full run.
Each notebook runs in a fresh interpreter with one torch thread. Prints one line per notebook (passed or FAILED,
seconds) and exits 1 if any failed."""
import os, sys, time, argparse, subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

def as_terminal(text:str) -> str:
    """What a terminal shows of `text`: each line's last carriage-return-separated segment (its last non-blank one,
    where a progress bar blanked itself), so a bar's hundreds of updates keep only its final state"""
    def last(line):
        segs = line.split('\r')
        return segs[-1] if segs[-1].strip() else next((s for s in reversed(segs) if s.strip()), '').rstrip()
    return '\n'.join(last(l) for l in text.split('\n'))

def tidy_outputs(cells):
    "Reduce progress-bar streams in saved outputs to what a terminal would show"
    for c in cells:
        for o in c.get('outputs', []):
            if o.get('output_type') == 'stream' and '\r' in ''.join(o['text']):
                o['text'] = as_terminal(''.join(o['text'])).splitlines(keepends=True)

def run_here(path:str, save:bool=False) -> int:
    "Run one notebook in this process; print its traceback and return 1 on failure"
    from execnb.shell import CaptureShell
    from nbdev.config import get_config
    from nbdev.process import NBProcessor
    from nbdev.frontmatter import FrontmatterProc
    skip = set(get_config().tst_flags.split())
    mtime = os.path.getmtime(path)
    nb = NBProcessor(path, procs=FrontmatterProc, process=True).nb
    def no_eval(cell):
        flags = (getattr(cell, 'directives_', {}) or {}).keys()
        return cell.cell_type != 'code' or 'nbdev_export(' in cell.source or bool(skip & flags)
    shell = CaptureShell(path)
    os.chdir(Path(path).parent)
    try: shell.run_all(nb, exc_stop=True, preproc=no_eval)
    except Exception:
        print(shell.prettytb(fname=path), file=sys.stderr); return 1
    if save and os.path.getmtime(path) != mtime:
        print(f"{path} changed while it ran: outputs not saved (run it again)", file=sys.stderr); return 1
    if save:
        from execnb.nbio import read_nb, write_nb
        orig = read_nb(path)   # the source as written (NBProcessor's copy has its directives parsed out)
        ran = {c.idx_: c for c in nb.cells if not no_eval(c)}   # cells keep their index through nbdev's processing
        for c in orig.cells:
            if c.idx_ in ran: c.outputs, c.execution_count = ran[c.idx_].outputs, ran[c.idx_].execution_count
        tidy_outputs(orig.cells)
        write_nb(orig, path)
    return 0

def run_child(path:str, save:bool=False) -> tuple:
    "Run one notebook in a fresh interpreter at full size: (path, passed, seconds, its output)"
    env = {k: v for k, v in os.environ.items() if k != 'IN_TEST'}
    env['OMP_NUM_THREADS'] = '1'     # notebooks side by side on few cores: one thread each
    start = time.time()
    r = subprocess.run([sys.executable, __file__, '--one', path] + (['--save'] if save else []), env=env, capture_output=True, text=True)
    return path, r.returncode == 0, time.time() - start, r.stdout + r.stderr

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('notebooks', nargs='+'); ap.add_argument('--workers', type=int, default=2)
    ap.add_argument('--one', action='store_true', help='run the one notebook given in this process')
    ap.add_argument('--save', action='store_true', help='write each passing notebook back with its outputs')
    args = ap.parse_args()
    if args.one: sys.exit(run_here(str(Path(args.notebooks[0]).resolve()), args.save))
    with ThreadPoolExecutor(args.workers) as ex:
        results = list(ex.map(lambda p: run_child(str(Path(p).resolve()), args.save), args.notebooks))
    for path, ok, secs, out in results:
        if not ok: print(out[-6000:], file=sys.stderr)
        print(f"full run {'passed' if ok else 'FAILED'}: {Path(path).name} ({secs:.0f} s)")
    sys.exit(0 if all(ok for _, ok, _, _ in results) else 1)
