"""Speed and memory of the renderer, the backbone and the real pretraining step; each command prints one JSON line.

    python nbs/benchmarks/bench.py render --n 50000 [--H 240 --W 320 --views 5 --d-f 16 --tile 8 --backend torch --device cpu]
    python nbs/benchmarks/bench.py step --preset tiny [--device cpu --bs 2 --set model.sparse_backend=torch ...]
    python nbs/benchmarks/bench.py backbone --backend torch --threads 2 [--n 50000 --preset SpUNet34C]
    python nbs/benchmarks/bench.py same-step [--preset tiny --bs 2 --backends spconv torch]
    python nbs/benchmarks/bench.py syncs --preset paper --device cuda [--set ...]
    python nbs/benchmarks/bench.py chunks [--fills 0 0.85 --rounds 3 --threads 2 --n 50000]
    python nbs/benchmarks/bench.py profile [--preset tiny --bs 2 --set ...]          # where a CPU step's time goes
    PYTHONPATH=/old/checkout python nbs/benchmarks/bench.py plain-step [--preset tiny]  # any version's step, same harness
    python nbs/benchmarks/bench.py scannet-scenes --out /tmp/sn [--scenes 4 --frames 10 --points 150000]   # ScanNet-sized scenes on disk
    python nbs/benchmarks/bench.py loader --root /tmp/sn [--views 5 --workers 0 1 2 --bs 4]   # scenes/s from disk, where the time goes
    python nbs/benchmarks/bench.py teacher-cache [--channels 1024 --h 30 --w 40 --frames 100]   # a ViT-L/16 teacher's cache per scene

`step`, `same-step` and `syncs` time and count the trainer's own `TrainStep` (`gaussiancross.trainer`), not a copy
of it. `nbs/11_benchmarks.ipynb` runs each command in a fresh process, so that its peak memory (maximum resident set
size, or CUDA's peak allocation) is its own.
"""
import argparse, collections, json, os, resource, sys, time, traceback, warnings
from pathlib import Path

import numpy as np
import torch


def _sync(device: str):
    return torch.cuda.synchronize if device == "cuda" else (lambda: None)


def _peak_gib(device: str) -> float:
    if device == "cuda": return torch.cuda.max_memory_allocated() / 2**30
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def room_gaussians(seed: int, n: int, d_f: int, device="cpu", V=5, H=240, W=320, generator=None):
    """`n` Gaussians on the surfaces of synthetic room `seed`, half a voxel of a 128-voxel grid in size, random rotations,
    opacities in [0.3, 1], and that room's `V` cameras; random draws from `generator` (default: torch's global one)."""
    from gaussiancross.gaussians import Gaussians
    from gaussiancross.rooms import synthetic_scene
    scene = synthetic_scene(seed, n_points=n, n_views=V, image_size=(H, W))
    ext, gen = float(np.ptp(scene.coord, 0).max()), dict(generator=generator)
    g = Gaussians(torch.from_numpy(scene.coord).float(), torch.randn(n, 4, **gen), torch.full((n, 3), ext / 128 * 0.5) * (0.5 + torch.rand(n, 3, **gen)),
                  0.3 + 0.7 * torch.rand(n, **gen), torch.from_numpy(scene.color).float(), torch.randn(n, d_f, **gen)).to(device)
    return g, torch.from_numpy(scene.views.K).float().to(device), torch.from_numpy(scene.views.cam_to_world).float().to(device)


def render(n: int, H=240, W=320, V=5, d_f=16, tile=8, backend="torch", device="cpu", repeats=3) -> dict:
    """Forward + backward of `render` for `V` views, Gaussians on the surfaces of a synthetic room, half a voxel of a
    128-voxel grid in size; best of `repeats` after a warm-up. The loss touches every output."""
    from gaussiancross.splatting import render as render_views
    torch.manual_seed(0)
    g, K, P = room_gaussians(1, n, d_f, device, V, H, W)
    for x in (g.means, g.quats, g.scales, g.opacities, g.colors, g.features): x.requires_grad_(True)
    def step():
        o = render_views(g, K, P, W, H, backend=backend, tile_size=tile)
        (o.rgb.sum() + o.features.square().mean() + (o.depth * o.alpha).mean() + o.alpha.sum()).backward()
        return o
    sync = _sync(device)
    step(); sync()                                                     # warm-up (gsplat compiles its kernels here)
    if device == "cuda": torch.cuda.reset_peak_memory_stats()
    times = []
    for _ in range(repeats):
        sync(); t = time.perf_counter(); o = step(); sync(); times.append(time.perf_counter() - t)
    return dict(gaussians=n, H=H, W=W, views=V, backend=backend, device=device, tile=tile, seconds=min(times),
                peak_GiB=_peak_gib(device), pairs=o.stats.get("pairs", -1), intersections=o.stats.get("intersections", -1))


def setup_step(preset="tiny", device="cpu", sets=None, seed=None):
    """The configuration, dataset, model and AdamW(lr=1e-3) of a step benchmark; `sets` are `--set` overrides; `seed`
    seeds torch just before the model is built (same weights in every process). Only API every version has had."""
    from gaussiancross.model import GaussianCross
    from gaussiancross.pretrain import PretrainConfig, build_dataset
    cfg = PretrainConfig.preset(preset)
    for k, v in (sets or {}).items(): cfg.set(k, v)
    cfg.data.num_workers = 0
    ds = build_dataset(cfg.data, 0)
    if seed is not None: torch.manual_seed(seed)
    model = GaussianCross(cfg.model).to(device)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-3)
    return cfg, ds, model, opt


def _batches(ds, bs: int, n: int) -> list:
    from gaussiancross.scene import collate
    return [collate([ds[(0, (i * bs + j) % len(ds))] for j in range(bs)]) for i in range(n)]


def step(preset="tiny", device="cpu", bs=2, sets=None, steps=5, warmup=2) -> dict:
    """Seconds per optimiser step of the trainer's `TrainStep`, scenes per second, peak memory, and the time of each stage
    (each stage's `forward` wrapped in a timer, synchronised on CUDA), averaged over `steps` steps after `warmup`."""
    import gaussiancross.model as gm
    from gaussiancross.trainer import TrainStep
    from gaussiancross.pretrain import LOSS_TERMS
    cfg, ds, model, opt = setup_step(preset, device, sets)
    ts, sync, T = TrainStep(model, opt, device=device, terms=LOSS_TERMS), _sync(device), {}
    def timed(name, fn):
        def wrap(*a, **k):
            sync(); t = time.perf_counter(); r = fn(*a, **k); sync(); T[name] = T.get(name, 0) + time.perf_counter() - t; return r
        return wrap
    for name, mod in (("backbone", model.backbone), ("dense CNN", model.dense), ("decoders", model.decoder), ("teacher", model.teacher)):
        if mod is not None: mod.forward = timed(name, mod.forward)
    ts.forward = timed("forward (all)", ts.forward)
    ts.backward, ts.update = timed("backward + optimiser", ts.backward), timed("backward + optimiser", ts.update)
    batches, render_fn = _batches(ds, bs, warmup + steps), gm.render
    gm.render = timed("rendering", gm.render)
    try:
        if device == "cuda": torch.cuda.reset_peak_memory_stats()
        for i, b in enumerate(batches):
            if i == warmup: T.clear(); sync(); t0 = time.perf_counter()
            terms, _ = ts([b])
        sync(); total = time.perf_counter() - t0
    finally: gm.render = render_fn
    import gaussiancross
    return dict(preset=preset, device=device, batch=bs, package=str(Path(gaussiancross.__file__).parent), step_s=total / steps, scenes_per_s=steps * bs / total, peak_GiB=_peak_gib(device),
                stages={k: v / steps for k, v in T.items()}, gaussians=int(terms[LOSS_TERMS.index("gaussians")].item()))


def same_step(preset="tiny", bs=2, backends=("spconv", "torch"), steps=3, sets=None) -> dict:
    "The loss of `steps` `TrainStep`s from the same seed and batch on each sparse backend (same initial weights)."
    from gaussiancross.model import GaussianCross
    from gaussiancross.trainer import TrainStep
    from gaussiancross.pretrain import LOSS_TERMS
    cfg, ds, _, _ = setup_step(preset, "cpu", sets)
    torch.manual_seed(0)
    b, res = _batches(ds, bs, 1)[0], {}
    for backend in backends:
        torch.manual_seed(0)
        m = GaussianCross(cfg.model)                               # same seed: the same initial weights on both backends
        m.backbone.sparse_backend = backend
        ts = TrainStep(m, torch.optim.AdamW([p for p in m.parameters() if p.requires_grad], lr=1e-3), terms=LOSS_TERMS)
        losses = []
        for i in range(steps):
            torch.manual_seed(100 + i)
            losses.append(ts([b])[0][0].item())
        res[backend] = losses
    return res


def backbone(backend="torch", threads=2, n=50_000, repeats=3, preset="SpUNet34C") -> dict:
    "SpUNet (`preset`) forward + backward on one synthetic room grid-sampled at 2 cm, on `threads` threads; best of `repeats` after a warm-up."
    from gaussiancross.backbone import SpUNet
    from gaussiancross.scene import collate
    from gaussiancross.rooms import synthetic_scene
    from gaussiancross.data import GridSample
    torch.set_num_threads(threads)
    batch = collate([GridSample(0.02)(synthetic_scene(0, n_points=n, n_views=1, image_size=(8, 8)), np.random.default_rng(0))])
    torch.manual_seed(0)
    net = SpUNet.from_preset(preset, sparse_backend=backend)
    times = []
    for i in range(repeats + 1):
        t = time.perf_counter()
        out = net(batch); out.square().mean().backward()
        times.append(time.perf_counter() - t)
    return dict(backend=backend, threads=threads, voxels=len(out), seconds=min(times[1:]), peak_GiB=_peak_gib("cpu"))


def syncs(preset="paper", device="cuda", bs=2, sets=None) -> dict:
    "Host-device synchronisations in one `TrainStep` (the second; the first warms up), by the gaussiancross line that caused them."
    from gaussiancross.core import to_device
    from gaussiancross.trainer import TrainStep
    from gaussiancross.pretrain import LOSS_TERMS
    cfg, ds, model, opt = setup_step(preset, device, sets)
    ts, b = TrainStep(model, opt, device=device, terms=LOSS_TERMS), to_device(_batches(ds, bs, 1)[0], device)
    sites = collections.Counter()
    def hook(message, category, filename, lineno, file=None, line=None):
        f = next((fr for fr in reversed(traceback.extract_stack()[:-1]) if "gaussiancross" in fr.filename), None)
        sites[f"{f.filename.split('gaussiancross')[-1]}:{f.lineno}" if f else f"{filename}:{lineno}"] += 1
    for i in range(2):                                                   # the second step is the one counted
        sites.clear(); warnings.showwarning = hook; warnings.simplefilter("always")
        torch.cuda.set_sync_debug_mode("warn")
        ts([b])
        torch.cuda.set_sync_debug_mode("default")
    return dict(total=sum(sites.values()), sites=sites.most_common())


def chunks(fills=(0.0, 0.85), rounds=3, threads=2, n=50_000) -> dict:
    """The renderer's chunk `fill` (05_splatting), interleaved: `render` forward + backward (n Gaussians, 5 views of
    240x320) and the `tiny` model's forward + backward (batch 2); best of `rounds`; padded / real entries of the tiny views."""
    import gaussiancross.splatting as sp
    torch.set_num_threads(threads)
    plan, res = sp._plan_chunks, {f: dict(render_s=[], tiny_s=[]) for f in fills}
    cfg, ds, model, _ = setup_step("tiny", "cpu")
    b = _batches(ds, 2, 1)[0]
    pads = {}
    try:
        for _ in range(rounds):
            for f in fills:
                def planned(count, budget, P, f=f):
                    ch = plan(count, budget, P, fill=f)
                    pads.setdefault(f, []).append(sum(len(t) * k for t, k in ch) / max(1, int(count.sum())))
                    return ch
                sp._plan_chunks = planned
                res[f]["render_s"].append(render(n, backend="torch", repeats=1)["seconds"])
                t = time.perf_counter(); model(b)["loss"].backward(); res[f]["tiny_s"].append(time.perf_counter() - t); model.zero_grad()
    finally: sp._plan_chunks = plan
    return {str(f): dict(render_s=min(r["render_s"]), tiny_s=min(r["tiny_s"]), padding=round(float(np.mean(pads[f])), 3)) for f, r in res.items()}


def plain_step(preset="tiny", bs=2, steps=5, warmup=2) -> dict:
    """Forward, backward and an AdamW step of the model, timed over `steps` after `warmup`, with the losses: only the
    API that every version of the package has had (so an old checkout first on `PYTHONPATH` can be timed the same way)."""
    import gaussiancross
    cfg, ds, model, opt = setup_step(preset, "cpu", seed=0)
    batches, losses = _batches(ds, bs, warmup + steps), []
    for i, b in enumerate(batches):
        if i == warmup: t0 = time.perf_counter()
        out = model(b); opt.zero_grad(set_to_none=True); out["loss"].backward(); opt.step(); losses.append(float(out["loss"]))
    return dict(package=str(Path(gaussiancross.__file__).parent), step_s=(time.perf_counter() - t0) / steps, losses=losses, peak_GiB=_peak_gib("cpu"))


PROFILE_PARTS = {"sparse convolution (forward)": ("SparseConvFunction",), "sparse convolution (backward)": ("SparseConvFunctionBackward",),
                 "rasterizer chunks (forward)": ("RasterizeTiles",), "rasterizer chunks (backward)": ("RasterizeTilesBackward",),
                 "dense 3D convolutions (forward)": ("aten::mkldnn_convolution",), "dense 3D convolutions (backward)": ("aten::convolution_backward",),
                 "kernel-map searches": ("aten::searchsorted",), "optimiser": ("Optimizer.step#AdamW.step",)}


def profile(preset="tiny", bs=2, steps=3, warmup=2, sets=None) -> dict:
    """Where a CPU `TrainStep` spends its time (torch.profiler over `steps` steps after `warmup`): seconds per step of
    each part in `PROFILE_PARTS` (inclusive CPU time of those operators / autograd nodes), the rest, and the throughput
    of the matrix products (GFLOP/s of mm, bmm and baddbmm, which hold the sparse convolutions' arithmetic)."""
    from torch.profiler import ProfilerActivity
    from torch.profiler import profile as tprofile
    from gaussiancross.trainer import TrainStep
    from gaussiancross.pretrain import LOSS_TERMS
    cfg, ds, model, opt = setup_step(preset, "cpu", sets)
    ts, batches = TrainStep(model, opt, device="cpu", terms=LOSS_TERMS), _batches(ds, bs, warmup + steps)
    for b in batches[:warmup]: ts([b])
    t = time.perf_counter()
    with tprofile(activities=[ProfilerActivity.CPU], with_flops=True) as prof:
        for b in batches[warmup:]: ts([b])
    wall = (time.perf_counter() - t) / steps
    ev = {e.key: e for e in prof.key_averages()}
    parts = {k: sum(ev[n].cpu_time_total for n in names if n in ev) / 1e6 / steps for k, names in PROFILE_PARTS.items()}
    mm = [ev[n] for n in ("aten::mm", "aten::bmm", "aten::baddbmm", "aten::addmm") if n in ev]
    gflop = sum(e.flops for e in mm) / 1e9 / steps
    mm_s = sum(e.self_cpu_time_total for e in mm) / 1e6 / steps
    return dict(preset=preset, batch=bs, step_s=wall, parts=parts, rest_s=wall - sum(parts.values()),
                matmul=dict(gflop_per_step=gflop, seconds_per_step=mm_s, gflops=gflop / max(mm_s, 1e-9)), threads=torch.get_num_threads())


def scannet_scenes(out, scenes=4, frames=10, points=150_000, seed=0) -> dict:
    """Synthetic rooms the size of ScanNet's, written as the authors' layout: `out/train/<scene>/` the points (Pointcept's
    files), `out/rgbd/<scene>/` colour JPEGs of 1296x968 (ScanNet's colour camera), 16-bit depth PNGs of 640x480, intrinsics
    of both cameras and poses. The rooms are rendered at 640x480 and their colour enlarged to 1296x968 (bicubic)."""
    from PIL import Image
    from gaussiancross.formats import SCANNET_COLOR_SIZE, _k4, _save_matrix, scale_intrinsics, write_scene
    from gaussiancross.rooms import synthetic_scene
    out, t = Path(out), time.perf_counter()
    for i in range(scenes):
        name = f"scene{i:04d}_00"
        sc = synthetic_scene(seed + i, n_points=points, n_views=frames, image_size=(480, 640), name=name)
        fd, pts = write_scene(sc, out / "rgbd" / name), out / "train" / name
        pts.mkdir(parents=True, exist_ok=True)
        for f in [*fd.glob("*.npy"), *fd.glob("meta.json")]: f.rename(pts / f.name)
        _save_matrix(fd / "intrinsic" / "intrinsic_color.txt", _k4(scale_intrinsics(sc.views.K[0], (480, 640), SCANNET_COLOR_SIZE)))
        for j in range(frames):
            Image.fromarray(np.round(sc.views.image[j] * 255).astype(np.uint8)).resize(SCANNET_COLOR_SIZE[::-1], Image.Resampling.BICUBIC).save(
                fd / "color" / f"{j}.jpg", quality=95)
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    return dict(out=str(out), scenes=scenes, frames=frames, points=points, seconds=round(time.perf_counter() - t, 1), MB=round(size / 1e6, 1))


def _timed(mod, name: str, T: dict, key: str):
    "Wrap `mod.name` so that its seconds add up in `T[key]`; returns a function that undoes it."
    fn = getattr(mod, name)
    def wrap(*a, **k):
        t = time.perf_counter(); r = fn(*a, **k); T[key] = T.get(key, 0.0) + time.perf_counter() - t; return r
    setattr(mod, name, wrap)
    return lambda: setattr(mod, name, fn)


def _dataset(root, views, seed=0, loop=1):
    from gaussiancross.data import SceneDataset, pretrain_augmentation
    return SceneDataset(Path(root), "train", views, (480, 640), pretrain_augmentation(), 0.02, 0.5, 0.1, seed=seed, loop=loop,
                        frames_root=Path(root) / "rgbd", progress=False)


def loader(root, views=5, workers=(0, 1, 2), bs=4, batches=4, rounds=2) -> dict:
    """Reading pretraining samples from disk (`scannet-scenes`): seconds per scene of each stage in one process — colour
    (JPEG decode), colour resampling into the depth camera, depth (PNG decode), points, augmentation + grid + mask, collate —
    with the colour decoded whole and at a reduced DCT scale (`DECODE_REDUCED`), the two images' difference, and scenes per
    second through a DataLoader with 0, 1, 2 ... workers (persistent, prefetching, pinned memory where CUDA is)."""
    import gaussiancross.data as gd
    import gaussiancross.formats as fm
    from gaussiancross.runs import worker_init
    from gaussiancross.scene import collate
    from gaussiancross.trainer import ResumableSampler
    from threadpoolctl import threadpool_limits
    threadpool_limits(1); torch.set_num_threads(1)                 # this process as one worker: one thread
    ds, res = _dataset(root, views), {}
    n = len(ds)
    looped = _dataset(root, views, loop=-(-(batches + 2) * bs // n))         # one epoch holds every timed batch
    for reduced in (False, True, False, True)[:2 * rounds]:
        fm.DECODE_REDUCED, T = reduced, {}
        undo = [_timed(fm, "_read_color", T, "colour: JPEG decode"), _timed(fm, "color_to_depth_camera", T, "colour: resample"),
                _timed(fm, "_read_image", T, "depth: PNG decode"), _timed(gd, "read_points", T, "points: load"),
                _timed(gd, "read_views", T, "views: all"), _timed(ds, "read", T, "read")]
        try:
            t = time.perf_counter(); items = [ds[(0, i)] for i in range(n)]; total = time.perf_counter() - t
            t = time.perf_counter(); collate(items); T["collate"] = time.perf_counter() - t
        finally:
            for u in undo: u()
        T["augment + grid + mask"] = total - T["read"]
        T["views: other (poses, intrinsics, checks)"] = T["views: all"] - sum(T[k] for k in ("colour: JPEG decode", "colour: resample", "depth: PNG decode"))
        stages = {k: round(T[k] / n, 4) for k in ("colour: JPEG decode", "colour: resample", "depth: PNG decode", "views: other (poses, intrinsics, checks)",
                                                  "points: load", "augment + grid + mask", "collate")}
        key = "reduced" if reduced else "whole"
        best = res.get(key)
        if best is None or total / n < best["s_per_scene"]: res[key] = dict(s_per_scene=round(total / n, 4), stages=stages)
    fm.DECODE_REDUCED = False; a = np.stack([ds[(0, i)].views.image for i in range(n)])
    fm.DECODE_REDUCED = True; b = np.stack([ds[(0, i)].views.image for i in range(n)])
    d = np.abs(a - b) * 255
    res["image_difference_255"] = dict(mean=round(float(d.mean()), 3), p99=round(float(np.quantile(d, 0.99)), 2), max=round(float(d.max()), 1))
    res["speedup_reduced"] = round(res["whole"]["s_per_scene"] / res["reduced"]["s_per_scene"], 2)
    rates = {}
    for w in workers:
        s = ResumableSampler(looped, 1, 0, bs)
        dl = torch.utils.data.DataLoader(looped, batch_size=bs, sampler=s, collate_fn=collate, num_workers=w, persistent_workers=w > 0,
                                         prefetch_factor=4 if w else None, pin_memory=torch.cuda.is_available(), worker_init_fn=worker_init if w else None)
        it, got = iter(dl), 0
        next(it)                                                   # start-up (workers spawn, first batch)
        t = time.perf_counter()
        for _ in range(batches): next(it); got += bs
        rates[w] = round(got / (time.perf_counter() - t), 2)
        del it, dl
    res["scenes_per_s"] = rates
    res.update(views=views, scenes=n, batch=bs, cpu_count=os.cpu_count())
    return res


def teacher_cache(channels=1024, h=30, w=40, frames=100, reads=50, folder=None) -> dict:
    """The on-disk cache of a ViT-L/16 teacher (RADIO-sized: 1024 channels on a 30x40 grid for a 480x640 view) as
    `TeacherCache` writes it — float16 `.npy` per view: bytes per view and per scene of `frames` frames, write and read speed."""
    import tempfile
    from gaussiancross.teachers import _read_features, _write_features
    with tempfile.TemporaryDirectory() as tmp: return _teacher_cache(Path(folder or tmp), channels, h, w, frames, reads)


def _teacher_cache(d: Path, channels, h, w, frames, reads) -> dict:
    from gaussiancross.teachers import _read_features, _write_features
    x = np.random.default_rng(0).standard_normal((channels, h, w)).astype(np.float16)
    t = time.perf_counter()
    for i in range(frames): _write_features(d / f"{i:02d}" / f"{i}.npy", x)
    write = (time.perf_counter() - t) / frames
    t = time.perf_counter()
    for k in range(reads): _read_features(d / f"{k % frames:02d}" / f"{k % frames}.npy")
    read = (time.perf_counter() - t) / reads
    per_view = (d / "00" / "0.npy").stat().st_size
    return dict(channels=channels, grid=[h, w], bytes_per_view=per_view, MB_per_scene=round(per_view * frames / 1e6, 1), frames_per_scene=frames,
                write_ms=round(1000 * write, 2), read_ms=round(1000 * read, 2), read_MB_per_s=round(per_view / read / 1e6, 0), note="reads from the page cache")


def parse_sets(kvs) -> dict:
    "`KEY=VALUE` strings (as `gaussiancross-pretrain --set`) to a dict; the values stay text, parsed by the config."
    for kv in kvs:
        if "=" not in kv: raise SystemExit(f"--set expects KEY=VALUE, got {kv!r}")
    return dict(kv.split("=", 1) for kv in kvs)


def main(argv=None) -> dict:
    p = argparse.ArgumentParser("bench.py", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("render"); r.add_argument("--n", type=int, default=50_000)
    for k, v in (("--H", 240), ("--W", 320), ("--views", 5), ("--d-f", 16), ("--tile", 8), ("--repeats", 3)): r.add_argument(k, type=int, default=v)
    r.add_argument("--backend", default="torch"); r.add_argument("--device", default="cpu")
    for name in ("step", "same-step", "syncs", "profile"):
        s = sub.add_parser(name); s.add_argument("--preset", default="paper" if name == "syncs" else "tiny")
        s.add_argument("--bs", type=int, default=2)
        s.add_argument("--set", nargs="*", default=[])
        if name not in ("same-step", "profile"): s.add_argument("--device", default="cuda" if name == "syncs" else "cpu")
    sub.choices["step"].add_argument("--steps", type=int, default=5); sub.choices["step"].add_argument("--warmup", type=int, default=2)
    sub.choices["same-step"].add_argument("--backends", nargs="+", default=["spconv", "torch"])
    ps = sub.add_parser("plain-step"); ps.add_argument("--preset", default="tiny"); ps.add_argument("--bs", type=int, default=2)
    c = sub.add_parser("chunks"); c.add_argument("--fills", type=float, nargs="+", default=[0.0, 0.85]); c.add_argument("--rounds", type=int, default=3)
    c.add_argument("--threads", type=int, default=2); c.add_argument("--n", type=int, default=50_000)
    sn = sub.add_parser("scannet-scenes"); sn.add_argument("--out", required=True); sn.add_argument("--scenes", type=int, default=4)
    sn.add_argument("--frames", type=int, default=10); sn.add_argument("--points", type=int, default=150_000)
    ld = sub.add_parser("loader"); ld.add_argument("--root", required=True); ld.add_argument("--views", type=int, default=5)
    ld.add_argument("--workers", type=int, nargs="+", default=[0, 1, 2]); ld.add_argument("--bs", type=int, default=4); ld.add_argument("--batches", type=int, default=4)
    tc = sub.add_parser("teacher-cache"); tc.add_argument("--channels", type=int, default=1024); tc.add_argument("--h", type=int, default=30)
    tc.add_argument("--w", type=int, default=40); tc.add_argument("--frames", type=int, default=100)
    b = sub.add_parser("backbone"); b.add_argument("--backend", default="torch"); b.add_argument("--threads", type=int, default=2)
    b.add_argument("--n", type=int, default=50_000); b.add_argument("--repeats", type=int, default=3); b.add_argument("--preset", default="SpUNet34C")
    a = p.parse_args(argv)
    if a.cmd == "render": res = render(a.n, a.H, a.W, a.views, a.d_f, a.tile, a.backend, a.device, a.repeats)
    elif a.cmd == "step": res = step(a.preset, a.device, a.bs, parse_sets(a.set), a.steps, a.warmup)
    elif a.cmd == "same-step": res = same_step(a.preset, a.bs, tuple(a.backends), sets=parse_sets(a.set))
    elif a.cmd == "syncs": res = syncs(a.preset, a.device, a.bs, parse_sets(a.set))
    elif a.cmd == "chunks": res = chunks(tuple(a.fills), a.rounds, a.threads, a.n)
    elif a.cmd == "profile": res = profile(a.preset, a.bs, sets=parse_sets(a.set))
    elif a.cmd == "plain-step": res = plain_step(a.preset, a.bs)
    elif a.cmd == "scannet-scenes": res = scannet_scenes(a.out, a.scenes, a.frames, a.points)
    elif a.cmd == "loader": res = loader(a.root, a.views, tuple(a.workers), a.bs, a.batches)
    elif a.cmd == "teacher-cache": res = teacher_cache(a.channels, a.h, a.w, a.frames)
    else: res = backbone(a.backend, a.threads, a.n, a.repeats, a.preset)
    print(json.dumps(res))
    return res


if __name__ == "__main__": main()
