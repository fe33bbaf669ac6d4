"""The yardstick for start-up: a bare PySide6 main window, shown, painted, closed."""

import sys

from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1200, 760)
window.show()
app.processEvents()
window.grab()
window.close()
