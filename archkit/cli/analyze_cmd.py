"""archkit analyze FILE: load, latency, availability, capacity and cost from the model."""

from __future__ import annotations

import argparse
import json

from archkit.cli import UsageError
from archkit.cli.common import add_model_argument, emit, load_model
from archkit.model.errors import did_you_mean


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "analyze",
        help="compute load, utilization, latency, availability, capacity and cost",
        description="Compute load, utilization, latency (M/M/c), availability, capacity and cost from the model.",
    )
    add_model_argument(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument(
        "--traffic-factor", type=float, default=1.0, metavar="K", help="multiply every client's traffic by K (what-if)"
    )
    parser.add_argument(
        "--without", action="append", default=[], metavar="ID", help="take component ID down (what-if; repeatable)"
    )
    parser.add_argument(
        "--replicas", action="append", default=[], metavar="ID=N", help="run N replicas of ID (what-if; repeatable)"
    )
    parser.add_argument(
        "--target-utilization",
        type=float,
        default=0.7,
        metavar="U",
        help="utilization replicas_needed sizes for (default 0.7)",
    )
    parser.add_argument("--out", help="write to this file instead of stdout")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from archkit.analysis import analyze

    if args.traffic_factor < 0:
        raise UsageError(f"--traffic-factor must be >= 0, not {args.traffic_factor:g}")
    if not 0 < args.target_utilization <= 1:
        raise UsageError(f"--target-utilization must be in (0, 1], not {args.target_utilization:g}")
    arch = load_model(args)
    ids = arch.ids()
    for cid in args.without:
        if cid not in ids:
            raise UsageError(f"--without: unknown component '{cid}'{did_you_mean(cid, ids)}")
    replicas: dict[str, int] = {}
    for item in args.replicas:
        cid, _, count = item.partition("=")
        if cid not in ids:
            raise UsageError(f"--replicas: unknown component '{cid}'{did_you_mean(cid, ids)}")
        if not count.isdigit() or int(count) < 1:
            raise UsageError(f"--replicas: expected ID=N with N >= 1, not '{item}'")
        replicas[cid] = int(count)
    result = analyze(
        arch,
        traffic_factor=args.traffic_factor,
        without=args.without,
        replicas=replicas or None,
        target_utilization=args.target_utilization,
    )
    if args.format == "json":
        emit(json.dumps(result.to_dict(), indent=2, allow_nan=False), args.out)
    else:
        emit(result.to_text(), args.out)
    return 0
