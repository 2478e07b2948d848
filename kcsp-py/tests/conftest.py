import sys
from pathlib import Path

# The conformance runner lives beside the tests as a plain script.
sys.path.insert(0, str(Path(__file__).resolve().parent))
