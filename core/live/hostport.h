#pragma once

#include <QHostAddress>
#include <QString>

namespace Apprentice {

/// Reads a listening address: "HOST:PORT", "[IPv6]:PORT", ":PORT" or "HOST" (port `defaultPort`); HOST is an IP
/// literal or "localhost" (127.0.0.1); empty means 127.0.0.1. Port 0 lets the system choose. False + error when
/// it is not one of these.
bool parseListenAddress(const QString &text, quint16 defaultPort, QHostAddress &address, quint16 &port,
                        QString *error = nullptr);

/// "127.0.0.1:4318", "[::1]:4318".
QString formatHostPort(const QHostAddress &address, quint16 port);

} // namespace Apprentice
