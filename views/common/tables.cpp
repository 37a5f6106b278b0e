#include "tables.h"

#include "appsettings.h"

#include <QHeaderView>

#include <algorithm>
#include <QTableView>

namespace Tables {

void setup(QTableView *view, bool sortable)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideRight);
    view->setSortingEnabled(sortable);
    view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    QHeaderView *v = view->verticalHeader();
    v->setVisible(false);
    v->setSectionResizeMode(QHeaderView::Fixed);
    v->setDefaultSectionSize(view->fontMetrics().height() + 8);
    QHeaderView *h = view->horizontalHeader();
    h->setHighlightSections(false);
    h->setStretchLastSection(true);
    h->setSectionsMovable(true);
    h->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
}

void setColumnChars(QTableView *view, const int *chars, int count)
{
    const int ch = view->fontMetrics().averageCharWidth();
    const QFontMetrics header(view->horizontalHeader()->font());
    for (int i = 0; i < count; ++i) {
        if (chars[i] <= 0)
            continue;
        const QString title = view->model() ? view->model()->headerData(i, Qt::Horizontal).toString() : QString();
        // Room for the sort indicator next to the title.
        view->setColumnWidth(i, std::max(chars[i] * ch + 16, header.horizontalAdvance(title) + 28));
    }
}

void persistHeader(QHeaderView *header, AppSettings *settings, const QString &name)
{
    if (!settings)
        return;
    const QByteArray state = settings->headerState(name);
    if (!state.isEmpty())
        header->restoreState(state);
    auto save = [header, settings, name] { settings->setHeaderState(name, header->saveState()); };
    QObject::connect(header, &QHeaderView::sectionResized, header, save);
    QObject::connect(header, &QHeaderView::sectionMoved, header, save);
    QObject::connect(header, &QHeaderView::sortIndicatorChanged, header, save);
}

} // namespace Tables
