"""`python -m nextgen_assistant` runs the same command line as `nextgen`."""

from nextgen_assistant.cli import main

main()
