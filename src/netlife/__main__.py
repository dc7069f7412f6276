"""`python -m netlife` runs the command line."""

from netlife.cli import main

if __name__ == "__main__":
    main()
