#pragma once

#include <QStyledItemDelegate>

/// Draws the board's phase as a coloured badge, and the apprenticeship progress as a thin bar
/// under the reason text.
class PhaseDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    enum class Mode { Badge, Progress };
    explicit PhaseDelegate(Mode mode, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /// Badge colour of a WorkflowsModel::PhaseRole value.
    static QColor phaseColor(int phase, const QPalette &palette);

private:
    Mode m_mode;
};
