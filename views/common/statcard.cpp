#include "statcard.h"

#include <QLabel>
#include <QVBoxLayout>

StatCard::StatCard(QWidget *parent)
    : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    m_caption = new QLabel(this);
    m_value = new QLabel(this);
    m_detail = new QLabel(this);
    QFont f = m_value->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setBold(true);
    m_value->setFont(f);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_caption->setForegroundRole(QPalette::PlaceholderText);
    m_detail->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(2);
    layout->addWidget(m_caption);
    layout->addWidget(m_value);
    layout->addWidget(m_detail);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void StatCard::setCaption(const QString &caption)
{
    m_caption->setText(caption);
}

void StatCard::setValue(const QString &value)
{
    m_value->setText(value);
}

void StatCard::setDetail(const QString &detail)
{
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
}

void StatCard::setAccent(const QColor &color)
{
    QPalette p = m_value->palette();
    p.setColor(QPalette::WindowText, color);
    m_value->setPalette(p);
}

QString StatCard::value() const
{
    return m_value->text();
}
