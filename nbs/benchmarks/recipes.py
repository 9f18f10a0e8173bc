"""The authors' downstream recipes on synthetic stand-ins: pretrained vs from scratch.

Each recipe runs as its released config says (transforms, Mix3D, schedule shape, losses, Pointcept's 13-view tester,
PointGroup and ScanNet's AP), with what a CPU cannot afford scaled down and said: the `tiny` backbone on the held-out
synthetic rooms (160 train / 40 validation, 14 classes, 5 cm grid), batch 8, a step budget per recipe (100-150 steps:
cross-entropy + Lovász on a CPU thread costs about 3 s a step) instead of 800 epochs, and for the instance recipe the synthetic rooms' own classes without instances (wall, floor, ceiling). The
limited-annotation recipe reads a `points20` table written for the synthetic rooms in ScanNet's format. The backbone is
the `tiny` pretraining of `claim.py` (pretrained here when not given), against the same network randomly initialised.
Validation scores the first 6 of the 40 validation rooms (`--val`): each is predicted in 13 views.

    python nbs/benchmarks/recipes.py --out runs/recipes [--pretrain-steps 600] [--pretrained CKPT]

Results: <out>/results.json and <out>/table.md (one run per cell: a seed's spread is in `claim.py`'s tables).
"""
import argparse, json, sys, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from claim import pretrain, sh                                    # the same pretraining and runner as the claim

RECIPES = {"linear probe": ("scannet/semseg-spunet-base-lin", 150), "fine-tune": ("scannet/semseg-spunet-base", 150),
           "data-efficient, 20 labelled points per room": ("scannet/semseg-spunet-efficient-la20", 150),
           "instance segmentation (PointGroup v1m1)": ("scannet/insseg-pg-spunet-base", 100)}   # steps: about 3 s each on one CPU thread


def bold(a: float, b: float) -> tuple[str, str]: return ("**", "") if a > b else ("", "**") if b > a else ("", "")


def run(recipe: str, steps: int, out: Path, root: Path, weights, points: Path) -> dict:
    d = out / recipe.replace("/", "_") / ("pretrained" if weights else "scratch")
    if not (d / "metrics.json").exists():
        d.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "gaussiancross.evaluate", "--recipe", recipe, "--no-progress", "--out", str(d), "--resume", "--set",
               "dataset=synthetic", f"data_root={root}", "train_split=train", "val_split=val", "backbone=tiny", "grid_size=0.05",
               "batch_size=8", f"max_steps={steps}", "instance.ignore=[wall,floor,ceiling]"]
        if "efficient-la" in recipe: cmd += [f"points_file={points}"]
        if weights: cmd += ["--weights", str(weights)]
        sh(cmd, d / "log.txt")
    return json.loads((d / "metrics.json").read_text())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", default="runs/recipes")
    p.add_argument("--pretrain-steps", type=int, default=600)
    p.add_argument("--pretrained", default=None, help="use this checkpoint instead of pretraining")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--val", type=int, default=6, help="validation rooms scored (of 40), each predicted in 13 views")
    p.add_argument("--quick", action="store_true", help="2 steps each: a smoke test of the script")
    a = p.parse_args()
    out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
    import torch
    from gaussiancross.downstream import EvalConfig, synthetic_eval_root, scene_dirs
    from gaussiancross.formats import read_points
    full = synthetic_eval_root(EvalConfig.tiny())
    root = out / "data"                                            # all 160 training rooms, the first `--val` validation rooms
    if not root.exists():
        (root / "val").mkdir(parents=True); (root / "train").symlink_to(full / "train")
        for q in scene_dirs(full, "val")[:a.val]: (root / "val" / q.name).symlink_to(q)
    points = out / "points20"                                      # ScanNet's format: {scene: indices of its labelled points}
    if not points.exists():
        torch.save({q.name: np.random.default_rng(i).choice(len(read_points(q).coord), 20, replace=False)
                    for i, q in enumerate(scene_dirs(root, "train"))}, points)
    t0 = time.time()
    ck = Path(a.pretrained) if a.pretrained else pretrain(out / "pretrain", full, a.pretrain_steps)
    jobs = [(name, recipe, 2 if a.quick else steps, w) for name, (recipe, steps) in RECIPES.items() for w in (ck, None)]
    with ThreadPoolExecutor(a.jobs) as ex:
        res = list(ex.map(lambda j: (j, run(j[1], j[2], out, root, j[3], points)), jobs))
    rows, lines = [], ["| recipe (synthetic stand-in) | metric | GaussianCross | from scratch | without TTA (GC / scratch) | steps |",
                       "|---|---|---:|---:|---:|---:|"]
    for name, (recipe, steps) in RECIPES.items():
        pre, scr = [r for j, r in res if j[0] == name and j[3]][0], [r for j, r in res if j[0] == name and not j[3]][0]
        if pre["task"] == "instance":
            row = dict(name=name, recipe=recipe, metric="AP50 / mAP", pretrained=[pre["AP50"], pre["mAP"]], scratch=[scr["AP50"], scr["mAP"]], steps=pre["steps"])
            b = bold(pre["AP50"], scr["AP50"])
            row.update(proposals=[pre["proposals"], scr["proposals"]], semantic_mIoU=[pre["semantic"]["mIoU"], scr["semantic"]["mIoU"]])
            lines.append(f"| {name} (`{recipe}`) | AP50 / mAP (proposals scored; semantic head mIoU) | {b[0]}{100 * pre['AP50']:.1f} / "
                         f"{100 * pre['mAP']:.1f}{b[0]} ({pre['proposals']}; {100 * pre['semantic']['mIoU']:.1f}) | {b[1]}{100 * scr['AP50']:.1f} / "
                         f"{100 * scr['mAP']:.1f}{b[1]} ({scr['proposals']}; {100 * scr['semantic']['mIoU']:.1f}) | – | {pre['steps']} |")
        else:
            row = dict(name=name, recipe=recipe, metric="mIoU", pretrained=pre["mIoU"], scratch=scr["mIoU"], steps=pre["steps"],
                       pretrained_without_tta=pre["without_tta"]["mIoU"], scratch_without_tta=scr["without_tta"]["mIoU"])
            b = bold(pre["mIoU"], scr["mIoU"])
            lines.append(f"| {name} (`{recipe}`) | mIoU, 13 views | {b[0]}{100 * pre['mIoU']:.1f}{b[0]} | {b[1]}{100 * scr['mIoU']:.1f}{b[1]} | "
                         f"{100 * pre['without_tta']['mIoU']:.1f} / {100 * scr['without_tta']['mIoU']:.1f} | {pre['steps']} |")
        rows.append(row)
    pre = json.loads((Path(ck).parent / "summary.json").read_text()) if (Path(ck).parent / "summary.json").exists() else {}
    (out / "results.json").write_text(json.dumps(dict(rows=rows, pretrain_steps=pre.get("steps"), wall_s=time.time() - t0), indent=1))
    (out / "table.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__": main()
