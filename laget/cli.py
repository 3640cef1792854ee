"""The `laget` console command: Django's management commands under Laget's own name.

laget migrate | laget demo | laget runserver | laget <any management command>
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "laget.settings.production")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["laget", *sys.argv[1:]])
    except ImproperlyConfigured as error:
        # a setting missing from the environment (SECRET_KEY, DATABASE_URL): say which, as a
        # refused command does, not with a traceback
        sys.stderr.write(f"laget: {error}\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
