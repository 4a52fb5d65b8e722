"""archgen: AWS data-engineering reference architectures from one declarative pattern."""

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

try:
    __version__ = version("archgen")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+checkout"

ROOT = Path(__file__).resolve().parent.parent
PATTERNS_DIR = ROOT / "patterns"
TEMPLATES_DIR = ROOT / "templates"
