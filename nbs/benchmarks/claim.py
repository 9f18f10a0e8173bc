"""Does GaussianCross pretraining help? Linear probing and limited-scene fine-tuning, pretrained vs from scratch.

Held-out synthetic rooms (160 train / 40 val, seeded): pretrain the `tiny` model on the *train* rooms (their RGB-D
frames and points, no labels), then, with the same seeds, budget and head:

* linear probe of the pretrained backbone vs a randomly initialised one, with the backbone's BatchNorm statistics
  kept as stored ("strict", Pointcept's protocol) and re-estimated on the probe's unlabelled training inputs ("BN
  re-estimated", the fair random-features baseline, since a random network's stored statistics are its initial 0/1);
* fine-tuning on 1 % and 10 % of the training scenes, pretrained vs from scratch, equal step budgets;
* with `--tasks instance` (or `semantic,instance`): PointGroup instance segmentation fine-tuned on 10 % of the
  training scenes, pretrained vs from scratch, scored by ScanNet's AP50 and mAP (`10_instance`).

Each downstream setting runs with 3 seeds (head initialisation, data order and, for limited scenes, which scenes).
Runs go two at a time, one thread each. Results: <out>/results.json and <out>/table.md.

    python nbs/benchmarks/claim.py --out runs/claim [--pretrain-steps 1500] [--ablation]
    python nbs/benchmarks/claim.py --out runs/claim --tasks instance [--pretrain-steps 800]
    python nbs/benchmarks/claim.py --out runs/claim --table-only     # tabulate the runs finished so far
"""
import argparse, itertools, json, os, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

SEEDS = (0, 1, 2)


def sh(cmd, log):
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONWARNINGS": "ignore"}
    with open(log, "a") as f:                                  # a resumed step appends to its log
        r = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, env=env)
    if r.returncode: raise RuntimeError(f"failed ({r.returncode}): {' '.join(cmd)}; see {log}")


def pretrain(out: Path, root: Path, steps: int, extra=()):
    "Pretrain into `out` (or continue an interrupted pretraining there: `--resume` starts the run when there is no checkpoint)."
    ck = out / "checkpoint_last.pt"
    if (out / "summary.json").exists(): return ck
    out.mkdir(parents=True, exist_ok=True)
    epochs = -(-steps // 80)                                  # 160 scenes / batch 2 = 80 steps per epoch
    sh([sys.executable, "-m", "gaussiancross.pretrain", "--preset", "tiny", "--no-progress", "--out", str(out), "--resume", "--set",
        f"data.root={root}", f"train.epochs={epochs}", f"train.max_steps={steps}", "train.ckpt_every=250", *extra], out / "pretrain.log")
    return ck


def evaluate(name, out: Path, mode, weights, seed, sets=(), task="semantic"):
    d = out / name / f"seed{seed}"
    if not (d / "metrics.json").exists():
        cmd = [sys.executable, "-m", "gaussiancross.evaluate", "--preset", "tiny", "--mode", mode, "--no-progress", "--out", str(d),
               "--task", task, "--resume", "--set", f"seed={seed}", *sets]
        if weights: cmd += ["--weights", str(weights)]
        d.mkdir(parents=True, exist_ok=True)
        sh(cmd, d / "log.txt")
    return json.loads((d / "metrics.json").read_text())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", default="runs/claim")
    p.add_argument("--pretrain-steps", type=int, default=1500)
    p.add_argument("--pretrained", default=None, help="use this checkpoint instead of pretraining")
    p.add_argument("--ablation", action="store_true", help="also pretrain with single rendering targets (Table 5)")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--tasks", default="semantic", help="semantic, instance or semantic,instance")
    p.add_argument("--table-only", action="store_true", help="run nothing; tabulate the finished runs (the table counts them)")
    a = p.parse_args()
    out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
    from gaussiancross.downstream import EvalConfig, synthetic_eval_root
    root = synthetic_eval_root(EvalConfig.tiny())
    t0 = time.time()
    def checkpoint(d: Path, sets=()):                       # --table-only runs nothing: the folder's checkpoint as it stands
        return d / "checkpoint_last.pt" if a.table_only else pretrain(d, root, a.pretrain_steps, sets)
    ck = Path(a.pretrained) if a.pretrained else checkpoint(out / "pretrain")
    backbones = {"GaussianCross": ck, "random init": None}
    if a.ablation:
        for name, sets in {"img only": ["model.loss_dep=0", "model.loss_sem=0"], "img + dep": ["model.loss_sem=0"],
                           "img + sem": ["model.loss_dep=0"]}.items():
            backbones[f"GaussianCross ({name})"] = checkpoint(out / f"pretrain_{name.replace(' ', '').replace('+', '_')}", sets)
    tasks = set(a.tasks.split(","))
    if not tasks <= {"semantic", "instance"}: p.error(f"--tasks: expected semantic and/or instance, got {a.tasks}")
    jobs = []
    for (bname, w), seed in itertools.product(backbones.items(), SEEDS):
        if "instance" in tasks and bname in ("GaussianCross", "random init"):
            jobs.append((("instance fine-tune 10% scenes", "GaussianCross" if w else "from scratch"), f"ins10_{bname.replace(' ', '_')}",
                         "finetune", w, seed, ["limited_scenes=10", "max_steps=300"], "instance"))
        if "semantic" not in tasks: continue
        tag = bname.replace(" ", "_").replace("(", "").replace(")", "").replace("+", "")
        lin = ["lovasz=true", "epochs=60"]                    # the protocol of the table (the tiny preset's probe drops Lovasz)
        jobs.append((("linear probe (strict BN)", bname), f"lin_{tag}", "linear", w, seed, lin, "semantic"))
        jobs.append((("linear probe (BN re-estimated)", bname), f"linbn_{tag}", "linear", w, seed, [*lin, "recalibrate_bn=true"], "semantic"))
        if bname in ("GaussianCross", "random init"):
            for pct in (1, 10):
                jobs.append(((f"fine-tune {pct}% scenes", "GaussianCross" if w else "from scratch"), f"ft{pct}_{tag}", "finetune", w, seed,
                             [f"limited_scenes={pct}", "max_steps=300"], "semantic"))
    if a.table_only:
        res = [(j[0], json.loads(f.read_text())) for j in jobs if (f := out / j[1] / f"seed{j[4]}" / "metrics.json").exists()]
    else:
        with ThreadPoolExecutor(a.jobs) as ex:
            res = list(ex.map(lambda j: (j[0], evaluate(j[1], out, j[2], j[3], j[4], j[5], j[6])), jobs))
    table = {}
    for key, r in res: table.setdefault(key, []).append(r)
    rows, lines = [], []
    for names in (("mIoU", "mAcc"), ("AP50", "mAP")):           # semantic runs, instance runs
        part = {k: rs for k, rs in table.items() if (rs[0].get("task") == "instance") == (names[0] == "AP50")}
        if not part: continue
        lines += [f"| setting | backbone | {names[0]} | {names[1]} | train scenes | steps | runs |", "|---|---|---|---|---|---|---|"]
        for (setting, model), rs in part.items():
            m, n = (np.array([r[k] for r in rs]) * 100 for k in names)
            sd = (lambda x: float(x.std(ddof=1))) if len(rs) > 1 else (lambda x: float("nan"))    # no spread from one run
            row = {"setting": setting, "model": model, names[0]: m.mean(), f"{names[0]}_std": sd(m), names[1]: n.mean(),
                   f"{names[1]}_std": sd(n), "runs": len(rs), "train_scenes": rs[0]["train_scenes"], "steps": rs[0]["steps"]}
            rows.append(row)
            lines.append(f"| {setting} | {model} | {m.mean():.1f} ± {sd(m):.1f} | {n.mean():.1f} ± {sd(n):.1f} | "
                         f"{row['train_scenes']} | {row['steps']} | {len(rs)} |")
        lines.append("")
    pre = json.loads((Path(ck).parent / "summary.json").read_text()) if (Path(ck).parent / "summary.json").exists() else {}
    (out / "results.json").write_text(json.dumps(dict(rows=rows, pretrain=pre, wall_s=time.time() - t0), indent=1))
    (out / "table.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__": main()
