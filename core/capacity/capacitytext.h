#pragma once

#include <QCoreApplication>

namespace Apprentice {

/// Translation context for the capacity model's sentences (lupdate reads CapacityText::tr).
class CapacityText
{
    Q_DECLARE_TR_FUNCTIONS(Capacity)
};

} // namespace Apprentice
