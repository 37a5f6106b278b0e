#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Apprentice {

/// Why gunzip() gave up.
enum class GunzipError { None, Corrupt, TooLarge };

/// Inflates a gzip body (several members allowed, as concatenated gzip streams are) into `out`, stopping with
/// TooLarge as soon as the output would pass `maxOutput` bytes: a small bomb never gets to allocate much.
/// `error` gets a reason for the client on failure.
GunzipError gunzip(QByteArrayView input, qint64 maxOutput, QByteArray &out, QString *error = nullptr);

} // namespace Apprentice
