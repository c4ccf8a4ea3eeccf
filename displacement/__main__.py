import sys

from displacement.cli import main

sys.exit(main())
