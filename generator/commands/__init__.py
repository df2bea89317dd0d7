"""The ``briefing`` subcommands: argument parsing over the library, one module per command."""
