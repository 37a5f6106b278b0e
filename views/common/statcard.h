#pragma once

#include <QFrame>

class QLabel;

/// A headline figure: a small caption over a large value, with an optional detail line.
class StatCard : public QFrame
{
    Q_OBJECT
public:
    explicit StatCard(QWidget *parent = nullptr);

    void setCaption(const QString &caption);
    void setValue(const QString &value);
    void setDetail(const QString &detail);
    void setAccent(const QColor &color);
    QString value() const;

private:
    QLabel *m_caption;
    QLabel *m_value;
    QLabel *m_detail;
};
