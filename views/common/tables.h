#pragma once

class QTableView;
class QHeaderView;
class AppSettings;
class QString;

/// Common table setup: uniform row heights (cheap for 100 k rows), row selection, no grid.
namespace Tables {
void setup(QTableView *view, bool sortable);
/// Column widths as fractions of text widths: `widths[i]` characters for column i (0 = leave).
void setColumnChars(QTableView *view, const int *chars, int count);
/// Restores a header's saved state and saves it whenever it changes.
void persistHeader(QHeaderView *header, AppSettings *settings, const QString &name);
}
