#include "importproblemsdock.h"

#include "format.h"

#include <QEvent>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Apprentice;

ImportProblemsDock::ImportProblemsDock(QWidget *parent)
    : QDockWidget(parent)
{
    setObjectName(QStringLiteral("importProblemsDock"));
    auto *body = new QWidget(this);
    m_summary = new QLabel(body);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_lines = new QPlainTextEdit(body);
    m_lines->setReadOnly(true);
    m_lines->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_lines->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_lines->setMaximumBlockCount(20000);
    m_clear = new QPushButton(body);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_clear);
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_summary);
    layout->addWidget(m_lines, 1);
    layout->addLayout(buttons);
    setWidget(body);
    connect(m_clear, &QPushButton::clicked, this, &ImportProblemsDock::clear);
    retranslate();
}

void ImportProblemsDock::addSummary(const ImportSummary &s)
{
    QStringList names;
    for (const QString &f : s.files)
        names << QFileInfo(f).fileName();
    QString outcome;
    switch (s.outcome) {
    case Outcome::Finished: outcome = tr("finished"); break;
    case Outcome::Cancelled: outcome = tr("cancelled"); break;
    case Outcome::Failed: outcome = tr("failed: %1").arg(s.error); break;
    }
    m_lines->appendPlainText(tr("— %1: %2 records, %3 rejected lines, %4 (%5)")
                                 .arg(names.join(QStringLiteral(", ")), Format::count(s.records), Format::count(s.rejected),
                                      Format::elapsed(s.elapsedMs), outcome));
    for (const QString &note : s.notes)
        m_lines->appendPlainText(note);
    for (const QString &line : s.rejectedSample)
        m_lines->appendPlainText(line);
    if (s.rejected > s.rejectedSample.size())
        m_lines->appendPlainText(tr("… and %1 more rejected lines").arg(Format::count(s.rejected - s.rejectedSample.size())));
    m_rejected += s.rejected;
    retranslate();
}

void ImportProblemsDock::clear()
{
    m_lines->clear();
    m_rejected = 0;
    retranslate();
}

QString ImportProblemsDock::text() const
{
    return m_lines->toPlainText();
}

void ImportProblemsDock::retranslate()
{
    setWindowTitle(tr("Import log"));
    m_clear->setText(tr("Clear"));
    m_summary->setText(m_rejected > 0 ? tr("%1 lines were rejected. The import went on with the next line each "
                                           "time; the first lines of each import are listed with file, line and reason.")
                                            .arg(Format::count(m_rejected))
                                      : tr("No rejected lines."));
}

void ImportProblemsDock::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}
