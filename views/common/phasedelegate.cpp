#include "phasedelegate.h"

#include "colors.h"
#include "workflowsmodel.h"

#include "event.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

PhaseDelegate::PhaseDelegate(Mode mode, QObject *parent)
    : QStyledItemDelegate(parent), m_mode(mode)
{
}

QColor PhaseDelegate::phaseColor(int phase, const QPalette &palette)
{
    switch (phase) {
    case int(Apprentice::Phase::Apprentice): return Colors::info(palette);
    case int(Apprentice::Phase::Graduated): return Colors::ok(palette);
    case int(Apprentice::Phase::Investigating): return Colors::warning(palette);
    case WorkflowsModel::PhaseRelearning: return Colors::danger(palette);
    }
    return Colors::muted(palette);
}

void PhaseDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();

    if (m_mode == Mode::Badge) {
        const QString text = opt.text;
        opt.text.clear();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        const QColor color = phaseColor(index.data(WorkflowsModel::PhaseRole).toInt(), opt.palette);
        QFont font = opt.font;
        font.setBold(true);
        const QFontMetrics fm(font);
        const int w = fm.horizontalAdvance(text) + 16;
        const int h = std::min(opt.rect.height() - 4, fm.height() + 4);
        const QRect badge(opt.rect.left() + 4, opt.rect.center().y() - h / 2, w, h);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(Colors::tint(color, 40));
        painter->drawRoundedRect(badge, h / 2.0, h / 2.0);
        painter->setPen(color);
        painter->setFont(font);
        painter->drawText(badge, Qt::AlignCenter, text);
        painter->restore();
        return;
    }

    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    const double progress = index.data(WorkflowsModel::ProgressRole).toDouble();
    if (progress < 0)
        return;
    const QRect track(opt.rect.left() + 4, opt.rect.bottom() - 4, opt.rect.width() - 8, 3);
    painter->save();
    painter->setPen(Qt::NoPen);
    painter->setBrush(Colors::tint(opt.palette.color(QPalette::Text), 30));
    painter->drawRect(track);
    painter->setBrush(Colors::info(opt.palette));
    painter->drawRect(QRect(track.left(), track.top(), int(track.width() * std::clamp(progress, 0.0, 1.0)), track.height()));
    painter->restore();
}

QSize PhaseDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    if (m_mode == Mode::Badge)
        s.rwidth() += 24;
    return s;
}
