#pragma once

#include <QString>

class ConsoleSession;

/// A report of the session for people who were not at the console: totals, the graduation
/// board, drifts with their diagnoses and decisions, and the cost comparison.
namespace ReportBuilder {
QString markdown(const ConsoleSession &session);
QString html(const ConsoleSession &session);
}
