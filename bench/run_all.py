"""Side-by-side benchmark: Bastion and (when installed) Home Assistant, same driver, same run.

`make bench` runs this. For each hub it generates a configuration with N automations using
the shared generator (../shared/bench/make_ha_config.py), starts the hub on 127.0.0.1, creates
an owner and a long-lived token (Bastion: `bastion user add` / `bastion token create`; Home
Assistant: the shared onboarding script), runs the shared protocol-level driver
(../shared/bench/hub_bench.py) and stops the hub by the PID it recorded. The hubs run one after
the other, never at the same time. Results: JSON under bench/results/<timestamp>/ and a table
in docs/performance.md.

    .venv/bin/python bench/run_all.py                           # Bastion (+ HA if installed)
    .venv/bin/python bench/run_all.py --with-ha                 # install HA first if missing
    .venv/bin/python bench/run_all.py --scenarios state_write,max_rate --no-ha
    .venv/bin/python bench/run_all.py --automations 5000 --entities 10000 --no-ha

A benchmark, not a test: it asserts nothing and CI does not run it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hubs
import report

LOAD = ("state_write", "automation_latency", "max_rate", "fanout")
ALL = ("startup", "rss", *LOAD)
RESULTS = hubs.ROOT / "bench" / "results"
DOC = hubs.ROOT / "docs" / "performance.md"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--scenarios", default=",".join(ALL), help=f"comma list of {','.join(ALL)}")
    p.add_argument("--automations", type=int, default=1000)
    p.add_argument("--entities", type=int, default=0, help="extra helper entities in the config")
    p.add_argument("--repeat", type=int, default=1, help="driver runs per load scenario")
    p.add_argument("--startup-repeat", type=int, default=2, help="measured starts per N")
    p.add_argument("--startup-n", default=None, help="automation counts to start (default 0,100,N)")
    p.add_argument("--settle", type=float, default=20.0, help="s after start before idle RSS")
    p.add_argument("--quick", action="store_true", help="short trials (smoke run, noisy)")
    ha = p.add_mutually_exclusive_group()
    ha.add_argument("--with-ha", action="store_true", help="install Home Assistant if missing")
    ha.add_argument("--no-ha", action="store_true", help="measure Bastion only")
    p.add_argument("--port", type=int, default=18123, help="Bastion port (HA: +10)")
    p.add_argument("--no-docs", action="store_true", help="do not touch docs/performance.md")
    p.add_argument("--driver-args", default="", help="extra hub_bench.py arguments")
    p.add_argument("--from-results", type=Path, help="only rebuild the report of a results dir")
    args = p.parse_args(argv)
    args.scenarios = [s for s in args.scenarios.split(",") if s]
    unknown = set(args.scenarios) - set(ALL)
    if unknown:
        p.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    n = args.automations
    args.startup_n = args.startup_n or ",".join(str(x) for x in sorted({0, min(100, n), n}))
    return args


def driver_common(args: argparse.Namespace, hub: hubs.HubHandle, out: Path) -> list[str]:
    common = [
        "--url", hub.url, "--token-file", str(hub.token_file), "--automations",
        str(args.automations), "--out", str(out), "--deadline", "3000",
        "--fanout-rates", "50,200,1000,0", "--fanout-changes", "2000",
    ]  # fmt: skip
    if args.quick:
        common += ["--duration", "5", "--trial-duration", "6", "--writes", "2000"]
        common += ["--ws-ops", "2000", "--search-steps", "3", "--cooldown", "1"]
    return common + shlex.split(args.driver_args)


def run_driver(argv: list[str], timeout: float = 3300) -> list[dict[str, Any]]:
    cmd = [sys.executable, str(hubs.SHARED / "hub_bench.py"), *argv]
    hubs.log("driver: " + " ".join(shlex.quote(a) for a in argv[:1]))
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if proc.returncode:
        hubs.log(f"driver exited {proc.returncode}: {proc.stderr.strip()[-500:]}")
    lines = []
    for raw in proc.stdout.splitlines():
        try:
            lines.append(json.loads(raw))
        except ValueError:
            continue
    return lines


def measure(args: argparse.Namespace, hub: hubs.HubHandle, work: Path, out: Path) -> list[dict]:
    """Startup scenario (own config dirs), then the load scenarios on one running hub."""
    lines: list[dict[str, Any]] = []
    common = driver_common(args, hub, out)
    if "startup" in args.scenarios:
        port = int(hub.url.rsplit(":", 1)[1]) + 4
        ns = [int(x) for x in args.startup_n.split(",")]
        hubs.prepare_startup_dirs(hub, ns, args.entities, port)
        url = f"http://127.0.0.1:{port}"
        argv = ["startup", *common, "--url", url, "--start-cmd", hub.start_cmd_template,
                "--startup-n", args.startup_n, "--startup-warmup", "1", "--repeat",
                str(args.startup_repeat), "--idle-settle", "5" if args.quick else "15",
                "--startup-log", str(work / f"{hub.name}-startup-n{{n}}.log")]  # fmt: skip
        lines += run_driver(argv)
    wanted = [s for s in LOAD if s in args.scenarios]
    if not wanted and "rss" not in args.scenarios:
        return lines
    if hub.name == "bastion":
        hubs.log(f"bastion answers after {hubs.start_bastion(hub):.2f} s")
    else:
        hubs.log(f"home assistant answers after {hubs.start_ha(hub, work):.2f} s")
    try:
        pid = ["--pid-file", str(hub.pid_file)]
        time.sleep(args.settle)
        lines += [dict(x, label="idle") for x in run_driver(["rss", *common, *pid])]
        for sc in wanted:
            lines += run_driver([sc, *common, *pid, "--repeat", str(args.repeat)])
        lines += [dict(x, label="after_load") for x in run_driver(["rss", *common, *pid])]
    finally:
        if hub.name == "bastion":
            hubs.stop_bastion(hub)
        else:
            hubs.stop_ha(hub, work)
    return lines


def machine() -> str:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem = Path("/proc/meminfo").read_text().split()[1]
        mem_gib = f"{int(mem) / 1024 / 1024:.0f} GiB"
    except OSError:
        mem_gib = "?"
    return (
        f"{os.cpu_count()} CPUs ({model}), {mem_gib}, Linux {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def rebuild(work: Path, docs: bool) -> int:
    """Recompute medians, ratios and targets from a results dir's stored driver output."""
    result = json.loads((work / "result.json").read_text())
    info = result["info"]
    for hub in result["hubs"].values():
        hub["metrics"] = report.metrics(hub["lines"])
    bm = result["hubs"]["bastion"]["metrics"]
    hm = result["hubs"].get("home_assistant", {}).get("metrics")
    result["targets"] = report.targets(bm, hm, info["automations"])
    (work / "result.json").write_text(json.dumps(result, indent=1))
    text = report.section(info, bm, hm)
    print(text)
    if docs:
        report.write_docs(DOC, f"n{info['automations']}-e{info['entities']}", text)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.from_results:
        return rebuild(args.from_results, not args.no_docs)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    work = RESULTS / stamp
    work.mkdir(parents=True, exist_ok=True)
    use_ha = not args.no_ha and (hubs.ha_available() or args.with_ha)
    if use_ha and not hubs.ha_available():
        hubs.install_ha()
    info: dict[str, Any] = {
        "automations": args.automations,
        "entities": args.entities,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "command": "python bench/run_all.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "machine": machine(),
        "scenarios": args.scenarios,
        "repeat": args.repeat,
        "results": str(work.relative_to(hubs.ROOT)),
    }
    result: dict[str, Any] = {"info": info, "hubs": {}}
    hubs.log(f"results in {work}")
    bastion = hubs.prepare_bastion(work, args.automations, args.entities, args.port)
    info["bastion_version"] = bastion.version
    lines = measure(args, bastion, work, work / "bastion.jsonl")
    result["hubs"]["bastion"] = {"metrics": report.metrics(lines), "lines": lines}
    if use_ha:
        ha = hubs.prepare_ha(work, args.automations, args.entities, args.port + 10)
        info["ha_version"] = ha.version
        lines = measure(args, ha, work, work / "home_assistant.jsonl")
        result["hubs"]["home_assistant"] = {"metrics": report.metrics(lines), "lines": lines}
    bm = result["hubs"]["bastion"]["metrics"]
    hm = result["hubs"].get("home_assistant", {}).get("metrics")
    result["targets"] = report.targets(bm, hm, args.automations)
    (work / "result.json").write_text(json.dumps(result, indent=1))
    text = report.section(info, bm, hm)
    print(text)
    if not args.no_docs:
        report.write_docs(DOC, f"n{args.automations}-e{args.entities}", text)
        hubs.log(f"wrote {DOC.relative_to(hubs.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
