"""archgen: AWS data-engineering reference architectures from one declarative pattern."""

from importlib.metadata import PackageNotFoundError, version

from generator.paths import CHECKOUT as ROOT, PATTERNS_DIR, TEMPLATES_DIR

try:
    __version__ = version("archgen")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+checkout"

__all__ = ["PATTERNS_DIR", "ROOT", "TEMPLATES_DIR", "__version__"]
