#include "importstatuswidget.h"

#include "common/icons.h"

#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

ImportStatusWidget::ImportStatusWidget(QWidget *parent)
    : QWidget(parent)
{
    m_label = new QLabel(this);
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("importProgress"));
    m_bar->setFixedWidth(160);
    m_bar->setMaximumHeight(16);
    m_bar->setTextVisible(false);
    m_cancel = new QToolButton(this);
    m_cancel->setObjectName(QStringLiteral("importCancel"));
    m_cancel->setIcon(Icons::get(QStringLiteral("cancel")));
    m_cancel->setAutoRaise(true);
    m_cancel->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, &ImportStatusWidget::cancelRequested);
    retranslate();
    hide();
}

void ImportStatusWidget::start(const QString &path, int index, int count)
{
    m_file = QFileInfo(path).fileName();
    m_index = index;
    m_count = count;
    m_bar->setRange(0, 0); // busy until the first report
    m_cancel->setEnabled(true);
    retranslate();
    show();
}

void ImportStatusWidget::setProgress(qint64 done, qint64 total)
{
    if (total <= 0)
        return;
    m_bar->setRange(0, 1000);
    m_bar->setValue(int(std::min<qint64>(1000, done * 1000 / total)));
    m_bar->setToolTip(tr("%1 %").arg(m_bar->value() / 10));
}

void ImportStatusWidget::finish()
{
    hide();
}

void ImportStatusWidget::retranslate()
{
    m_label->setText(m_count > 1 ? tr("Importing %1 (%2 of %3)").arg(m_file).arg(m_index + 1).arg(m_count)
                                 : tr("Importing %1").arg(m_file));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the import; what was read so far is kept"));
}

void ImportStatusWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
