#pragma once

#include "hostconfig.h"

#include <QLabel>

/// The status bar's word on what the session keeps: where its profiles go and how many workflow versions it
/// continued from, or why nothing is kept. Empty while no session on real data has started.
class StoreStatusLabel : public QLabel
{
    Q_OBJECT
public:
    explicit StoreStatusLabel(QWidget *parent = nullptr);

    void setStatus(const StoreStatus &status);
    const StoreStatus &status() const { return m_status; }
    void retranslate();

private:
    StoreStatus m_status;
};
