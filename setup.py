"""Ship the catalog inside the wheel: patterns/ and templates/ become generator/_data/.

Both stay top-level folders of the repository (the layout requires it); an
installed archgen (pip, pipx, a wheel) finds them as package data through
generator/paths.py. Everything else about the package is in pyproject.toml.
An editable install copies nothing: it reads the checkout's folders.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

CATALOG = ("patterns", "templates")


class BuildWithCatalog(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        root = Path(__file__).resolve().parent
        for name in CATALOG:
            target = Path(self.build_lib) / "generator" / "_data" / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(
                root / name, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        if getattr(self, "editable_mode", False):
            return outputs
        for name in CATALOG:
            target = Path(self.build_lib) / "generator" / "_data" / name
            outputs += [str(p) for p in target.rglob("*") if p.is_file()]
        return outputs


setup(cmdclass={"build_py": BuildWithCatalog})
