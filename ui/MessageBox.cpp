// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 PolicyVault contributors
#include "ui/MessageBox.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QHash>
#include <QPointer>
#include <QPushButton>
#include <QTimer>

namespace pv::ui {

namespace {
// GUI-thread only, like every widget.
std::optional<MessageBox::Answer> g_nextAnswer;
std::optional<MessageBox::Question> g_lastQuestion;
} // namespace

QMessageBox* MessageBox::build(QWidget* parent, const Question& question)
{
    auto* box = new QMessageBox(question.icon, question.title, question.text, QMessageBox::NoButton, parent);
    box->setObjectName(QStringLiteral("messageBox"));
    box->setInformativeText(question.informativeText);
    box->setWindowModality(Qt::WindowModal);
    for (const Choice& choice : question.choices) {
        QPushButton* button = box->addButton(choice.text, choice.role);
        button->setProperty("pvChoice", choice.id);
        if (choice.id == question.defaultChoice)
            box->setDefaultButton(button);
        if (choice.id == question.escapeChoice)
            box->setEscapeButton(button);
    }
    if (!question.checkBoxText.isEmpty()) {
        auto* check = new QCheckBox(question.checkBoxText, box);
        check->setChecked(question.checkBoxChecked);
        box->setCheckBox(check);
    }
    return box;
}

void MessageBox::ask(QWidget* parent, const Question& question, std::function<void(const Answer&)> done)
{
    g_lastQuestion = question;
    const QPointer<QWidget> guard(parent);
    if (g_nextAnswer) {
        const Answer answer = *g_nextAnswer;
        g_nextAnswer.reset();
        QTimer::singleShot(0, parent, [guard, answer, done = std::move(done)] {
            if (guard)
                done(answer);
        });
        return;
    }

    QMessageBox* box = build(parent, question);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const int escape = question.escapeChoice;
    QObject::connect(box, &QMessageBox::finished, box, [box, escape, guard, done = std::move(done)] {
        Answer answer;
        answer.choice = escape;
        if (QAbstractButton* clicked = box->clickedButton()) {
            const QVariant id = clicked->property("pvChoice");
            if (id.isValid())
                answer.choice = id.toInt();
        }
        answer.checkBoxChecked = box->checkBox() && box->checkBox()->isChecked();
        if (guard || !box->parent())
            done(answer);
    });
    box->open();
}

void MessageBox::setNextAnswer(const Answer& answer)
{
    g_nextAnswer = answer;
}

std::optional<MessageBox::Question> MessageBox::lastQuestion()
{
    return g_lastQuestion;
}

void MessageBox::reset()
{
    g_nextAnswer.reset();
    g_lastQuestion.reset();
}

} // namespace pv::ui
