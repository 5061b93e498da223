"""An adapter module whose import never ends: a stand-in for one stuck on a lock or a mount."""

import os
import time

# Tells the test that the import has begun.
open(os.environ["HANGING_IMPORT_MARKER"], "w").close()
time.sleep(3600)
