#pragma once

#include "enginepublication.h"

#include <QDockWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

/// What went wrong in imports, without a dialog per line: per import a summary line (records,
/// rejected, time, outcome) and the first rejected lines as FILE:LINE: reason.
class ImportProblemsDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit ImportProblemsDock(QWidget *parent = nullptr);

    void addSummary(const ImportSummary &summary);
    void clear();
    QString text() const;
    int rejectedTotal() const { return int(m_rejected); }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_summary;
    QPlainTextEdit *m_lines;
    QPushButton *m_clear;
    qint64 m_rejected = 0;
};
