// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#pragma once

#include <QList>
#include <QMessageBox>
#include <QString>

#include <functional>
#include <optional>

namespace pv::ui {

/// The one way the app asks a modal question (confirmations before something destructive or
/// irreversible). The box is opened window-modal with open(), never exec(): no nested event
/// loop, and the answer arrives in a callback.
///
/// A seam for tests, as KeePassXC's MessageBox::setNextAnswer: with an answer set, no box is
/// shown; the callback gets that answer on the next event-loop turn, and lastQuestion() tells
/// what would have been asked.
class MessageBox final
{
public:
    struct Choice
    {
        int id = 0;
        QString text;
        QMessageBox::ButtonRole role = QMessageBox::AcceptRole;
    };

    struct Question
    {
        QMessageBox::Icon icon = QMessageBox::Question;
        QString title;
        QString text;              ///< the question, one sentence
        QString informativeText;   ///< what each answer does
        QList<Choice> choices;
        int defaultChoice = 0;     ///< Enter
        int escapeChoice = 0;      ///< Esc and the window's close button
        QString checkBoxText;      ///< empty: no check box ("Don't ask again")
        bool checkBoxChecked = false;
    };

    struct Answer
    {
        int choice = 0;
        bool checkBoxChecked = false;
    };

    /// Asks `question` modally over `parent`; `done` runs once with the answer (the escape
    /// choice when the box is closed), unless `parent` is destroyed first.
    static void ask(QWidget* parent, const Question& question, std::function<void(const Answer&)> done);

    /// Builds the box ask() shows (for screenshots); the caller owns it.
    static QMessageBox* build(QWidget* parent, const Question& question);

    /// Tests: the next ask() answers this without showing anything.
    static void setNextAnswer(const Answer& answer);
    /// Tests: the last question asked (answered or shown).
    static std::optional<Question> lastQuestion();
    /// Tests: forget the next answer and the last question.
    static void reset();

    MessageBox() = delete;
};

} // namespace pv::ui
