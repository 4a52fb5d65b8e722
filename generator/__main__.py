"""`python -m generator`: the archgen command line from this source tree (what a git
worktree runs, since the installed `archgen` script imports the checkout it was
installed from)."""

from generator.cli import main

main()
