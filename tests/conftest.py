import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "input" / "2016"
sys.path.insert(0, str(ROOT))
