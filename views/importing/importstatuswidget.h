#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

/// The running import in the status bar: which file, a busy bar until the first progress report,
/// then a percentage, and Cancel. Hidden when nothing is being imported.
class ImportStatusWidget : public QWidget
{
    Q_OBJECT
public:
    explicit ImportStatusWidget(QWidget *parent = nullptr);

    void start(const QString &path, int index, int count);
    void setProgress(qint64 done, qint64 total);
    void finish();

    QToolButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_bar; }

signals:
    void cancelRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_label;
    QProgressBar *m_bar;
    QToolButton *m_cancel;
    QString m_file;
    int m_index = 0;
    int m_count = 1;
};
