"""The `laget` console command: Django's management commands under Laget's own name.

laget migrate | laget demo | laget runserver | laget <any management command>
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laget.settings.production")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["laget", *sys.argv[1:]])


if __name__ == "__main__":
    main()
