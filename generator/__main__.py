"""``python -m generator`` runs the ``briefing`` command line."""

from generator.cli import main_exit

main_exit()
