"""archkit critique FILE: an LLM second opinion on the model, grounded in its ids (optional)."""

from __future__ import annotations

import argparse
import sys

from archkit.cli import UsageError
from archkit.cli.common import add_model_argument, emit, load_model


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "critique",
        help="ask an LLM for a critique grounded in the model (needs the llm extra and ANTHROPIC_API_KEY)",
        description=(
            "Send the model, the rule findings and the analysis summary to the Messages API and print a "
            "critique whose every point cites ids that exist in the model. Answers are cached in "
            ".archkit-cache/critique/; the key is read from ANTHROPIC_API_KEY and never stored. "
            "Exit 0 on success, 2 when the critique cannot run (package, key, network, API error)."
        ),
    )
    add_model_argument(parser)
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text", help="output format")
    parser.add_argument("--no-cache", action="store_true", help="call the API even when a cached answer exists")
    parser.add_argument(
        "--model", metavar="NAME", help="model id (default: $ARCHKIT_LLM_MODEL, else claude-sonnet-5-5)"
    )
    parser.add_argument(
        "--focus", metavar="TEXT", help="what the reviewer should look at most, e.g. 'data consistency'"
    )
    parser.add_argument(
        "--timeout", type=float, default=None, metavar="SECONDS", help="time for the whole call, retries included (60)"
    )
    parser.add_argument("--cache-dir", metavar="DIR", help="cache folder (default: .archkit-cache/critique)")
    parser.add_argument("-o", "--output", metavar="PATH", help="write to PATH instead of stdout")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from archkit.critique import DEFAULT_TIMEOUT, CritiqueError, CritiqueUnavailable, critique

    timeout = DEFAULT_TIMEOUT if args.timeout is None else args.timeout
    if timeout <= 0:
        raise UsageError(f"--timeout must be a positive number of seconds, not {args.timeout:g}")
    arch = load_model(args)
    try:
        result = critique(
            arch,
            model=args.model,
            focus=args.focus,
            use_cache=not args.no_cache,
            cache_dir=args.cache_dir,
            timeout=timeout,
        )
    except (CritiqueUnavailable, CritiqueError) as exc:
        raise UsageError(str(exc)) from None
    if args.format == "json":
        text = result.to_json()
    elif args.format == "markdown":
        text = result.to_markdown()
    else:
        text = result.to_text()
    emit(text, args.output)
    if result.cached and args.format != "json":
        print("archkit critique: served from the cache (--no-cache to ask again)", file=sys.stderr)
    return 0
