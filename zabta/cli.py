"""The `zabta` console command: Django's manage command with the project's commands.

`zabta import-personnel FILE` is the management command `import_personnel`: hyphens in the
first argument are read as underscores, so commands read naturally on the command line.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    args[0] = "zabta"  # help texts then read "zabta <command>", whichever way it was started
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zabta.settings")
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
