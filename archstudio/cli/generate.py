"""``archstudio generate``: deployable files from a .arch file through an installed
generator (Istio, Linkerd, Kubernetes, docker-compose, OpenAPI, or a third-party one)."""

from __future__ import annotations

import argparse

from archstudio.cli.common import error, load


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "generate",
        help="generate Istio, Linkerd, Kubernetes, docker-compose or OpenAPI files",
        description="Generate deployable files from a .arch file into a folder. TARGET is "
        "an installed generator (--list shows them, third-party ones included; "
        "docs/generators.md). Exit status: 0 written, 1 the file has errors or cannot be "
        "generated, 2 usage error, unknown target or unreadable file.",
    )
    parser.add_argument("target", nargs="?", metavar="TARGET",
                        help="istio, linkerd, kubernetes, compose, openapi, or a plugin's name")
    parser.add_argument("file", nargs="?", metavar="FILE", help="the .arch file")
    parser.add_argument("-o", "--output", metavar="DIR",
                        help="the folder to write into (created when missing)")
    parser.add_argument("--list", action="store_true",
                        help="list the installed generators and exit")
    parser.set_defaults(func=run)


def list_generators() -> int:
    from archstudio.generate.discovery import discover

    found, broken = discover()
    width = max((len(name) for name in found), default=0)
    for name, generator in found.items():
        print(f"{name.ljust(width)}  {generator.description}")
    for entry in broken:
        error(f"generator '{entry.name}' ({entry.source}) did not load: {entry.reason}")
    return 0


def run(args: argparse.Namespace) -> int:
    if args.list:
        return list_generators()
    if not (args.target and args.file and args.output):
        error("usage: archstudio generate TARGET FILE -o DIR (or --list)")
        return 2

    from archstudio.generate import GenerateError, installed_generators, write_output

    generators = installed_generators()
    generator = generators.get(args.target)
    if generator is None:
        error(f"no generator named '{args.target}'; installed: {', '.join(generators)}")
        return 2
    text, model, problems = load(args.file)
    if text is None or model is None:
        for problem in problems:
            error(problem.format(args.file))
        return 2
    if model.has_errors:
        for diagnostic in model.errors:
            error(diagnostic.format(args.file))
        error(f"nothing generated: {args.file} has {len(model.errors)} error(s); "
              "fix them first (archstudio validate lists them all)")
        return 1
    try:
        output = generator.generate(model)
        written = write_output(output, args.output)
    except GenerateError as problem:
        error(f"{args.file}: {problem}")
        return 1
    except OSError as problem:
        error(f"cannot write to {args.output}: {problem.strerror or problem}")
        return 1
    for warning in output.warnings:
        error(f"{args.file}: warning: {warning}")
    for path in written:
        print(path)
    return 0
