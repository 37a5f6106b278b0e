#include "storestatuslabel.h"

#include "colors.h"

#include <QDir>
#include <QFileInfo>

StoreStatusLabel::StoreStatusLabel(QWidget *parent)
    : QLabel(parent)
{
    setContentsMargins(8, 0, 8, 0);
    retranslate();
}

void StoreStatusLabel::setStatus(const StoreStatus &status)
{
    m_status = status;
    retranslate();
}

void StoreStatusLabel::retranslate()
{
    const QString path = QDir::toNativeSeparators(m_status.path);
    if (!m_status.error.isEmpty()) {
        setText(tr("Profiles not kept"));
        setStyleSheet(QStringLiteral("color: %1").arg(Colors::danger(palette()).name()));
        setToolTip(tr("What this session learns is not kept: %1").arg(m_status.error));
    } else if (!m_status.path.isEmpty()) {
        setText(m_status.restored > 0 ? tr("Profiles kept · %n restored", nullptr, m_status.restored) : tr("Profiles kept"));
        setStyleSheet(QString());
        setToolTip(tr("Profiles, phases, events and the ledger are kept in %1; the next session on real data "
                      "continues from them (the demo never touches it)")
                       .arg(path));
    } else {
        setText(QString());
        setStyleSheet(QString());
        setToolTip(QString());
    }
    setVisible(!text().isEmpty());
}
