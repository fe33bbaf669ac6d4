"""The yardstick for start-up: a bare PySide6 main window, shown, painted, closed.

It says "painted" on stdout once painted, as ``jobdeck --self-test`` does: ``make bench`` times
both from process start to that line.
"""

import sys

from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1200, 760)
window.show()
app.processEvents()
window.grab()
print("bare window: painted", flush=True)
window.close()
