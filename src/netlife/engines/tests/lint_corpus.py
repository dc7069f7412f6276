"""Labelled drafts for the message linter, and the figures measured on them.

Every phrasing here was written for netlife's tests. `ASKS` are drafts that
ask, in one form or another, for openings, jobs, referrals or a CV passed
on: the linter must flag them as `openings-ask`. `FRIENDLY` are ordinary
messages (thanks, catching up, congratulations, asking for advice),
including many that mention hiring, jobs, CVs or referrals without asking
for them: the linter must leave them alone.

The DEV sets were written before the rules and used while writing them.
The HOLDOUT sets were written after the rules were settled and measured
once before any rule saw them (docs/lint.md records that first run); they
count in the totals since.

    .venv/bin/python -m netlife.engines.tests.lint_corpus

prints the figures that docs/lint.md quotes.
"""

# Curly quotes and dashes in these drafts are on purpose: people type them.
# ruff: noqa: RUF001

import sys
from dataclasses import dataclass
from typing import Final

from netlife.engines.lint import lint

DEV_ASKS: Final = (
    "Do you know of any openings at your company?",
    "I just got downsized, so I'm looking for a job. I was wondering if you "
    "knew of any openings?",
    "Are there any vacancies on your team right now?",
    "Is your company hiring?",
    "Hey Sam! Are you guys hiring at the moment?",
    "Could you refer me for the data analyst role?",
    "Would you be willing to put in a good word for me with the hiring manager?",
    "Could you pass my CV to someone in HR?",
    "Can you forward my resume to your recruiter?",
    "Please keep me in mind for any roles that come up.",
    "I've been out of work since March. Let me know if something opens up!",
    "Anything going at your company?",
    "If you hear of any positions, please let me know!",
    "Any chance there's an opening in your department?",
    "I'm looking for a job – do you know anyone who's hiring?",
    "Would you mind sharing my résumé with your manager?",
    "Could you get me an interview with your boss?",
    "Do you have anything for me at Acme?",
    "I'd love a referral if you're comfortable with that.",
    "can u refer me",
    "r u hiring",
    "Do you know of any oppenings in marketing?",
    "Is there an opportunity for me on your team?",
    "Any job leads you could send my way?",
    "Could you introduce me to someone who’s hiring?",
    "I'm applying for the PM position at your firm — would you refer me?",
    "Would you recommend me for the opening on your team?",
    "Any openings for a junior designer where you work?",
    "Do you know if Acme has any open positions?",
    "Please let me know if you come across any jobs that might suit me.",
    "Feel free to send any openings my way.",
    "I'd be grateful if you could pass along my CV.",
    "I'm between jobs at the moment. Can I send you my CV in case anything comes up?",
    "Could you help me get a job at your company?",
    "Can you get me in at Globex?",
    "Are they looking for anyone in your team?",
    "Does your team have any headcount open?",
    "Do you know anyone who could give me a job?",
    "Would you consider me for the role you posted?",
    "Put me forward for the position, please.",
    "Hook me up with a job at your place?",
    "I'm job hunting. Know of anything?",
    "Anything open at Initech?",
    "I was laid off last month. If anything comes up, keep me posted.",
    "Would it be possible to be referred for the backend role?",
    "I'm hoping you could refer me to the hiring team.",
    "Are there jobs going in your area?",
    "You wouldn't happen to know of any vacancies, would you?",
    "Any roles I should apply for at your company?",
    "Is anyone at your firm recruiting right now?",
    "Do you know whether your department is taking on staff?",
    "Could you check with HR whether there's a spot for me?",
    "Any positions open on your side?",
    "Please let me know of any job opportunities.",
    "I'd really appreciate it if you could recommend me for a job there.",
    "Could u plz fwd my cv to ur manager",
    "DO YOU KNOW OF ANY OPENINGS??",
    "Wondering whether there's anything for me at your company.",
    "Could you put my name forward for the opening?",
    "Could you keep an eye out for jobs for me?",
    "Mind passing my resume along to the hiring manager?",
    "Can you help me land a role at Stripe?",
    "Are there any internships at your company this summer?",
    "Happy to hear about any openings you know of.",
    "Could you let me know when a position opens?",
    "I'd love to join your team — any openings?",
    "Know any companies that are hiring?",
    "Is there anything at your company for someone like me?",
    "Would you be willing to pass my details on to your recruiter?",
    "Could you share my LinkedIn profile with your talent team?",
    "Any openings?? 🙏",
    "hey! do u know any1 hiring",
    "Let me know if your company has any openings.",
    "Is there any way you could get me in front of your hiring manager?",
    "Could you introduce me to the recruiter for the analytics role?",
    "Hi Priya, I hope all is well. I'm looking for my next role in logistics "
    "and wondered whether there are any vacancies at Maersk.",
    "Do u have any job openings in ur team",
    "Could I get a referral for the data role?",
    "Could you give me a job?",
    "I'd love to be considered for the opening in your studio.",
    "Is Globex hiring?",
    "Are there any postions for someone with my background?",
)

DEV_FRIENDLY: Final = (
    "We're hiring, if anyone you know is looking.",
    "I got the job!",
    "I was hired last month at Acme, and I wanted you to hear it from me.",
    "Thanks for the referral you made for Sam — he starts on Monday.",
    "My role now is mostly mentoring new hires, which I love.",
    "Congrats on the new position!",
    "Saw that Acme is hiring a lot — your team must be growing fast. How are "
    "you finding it?",
    "Would you share your advice on how to approach a job search after ten "
    "years in one place?",
    "Could we talk for 15 minutes next week? I'd love your thoughts on moving "
    "into product.",
    "I finally updated my CV after your tips — thank you!",
    "Thanks again for reviewing my résumé last week.",
    "How's the new job treating you?",
    "I'm not asking about openings — just your perspective on the industry.",
    "Your post about hiring juniors was spot on.",
    "If you ever need a referral for a good plumber, I know one.",
    "I'd be happy to refer you to my accountant.",
    "Happy to pass your CV along if you're ever looking.",
    "Let me know if you need anything at all.",
    "Let me know if something comes up with the house move and you need a hand.",
    "Keep me in mind for the next book club!",
    "Do you know of any good coffee spots near your office?",
    "Are there any talks at the conference you'd recommend?",
    "What roles do you think suit someone with my background?",
    "How did you find your current position?",
    "What did you look for when you were hiring for your team?",
    "Is it a good time to be looking for jobs in biotech, in your view?",
    "I loved your article on writing job descriptions.",
    "Our company just opened a new office in Lyon.",
    "The opening night of the play was wonderful — thanks for the tickets!",
    "Happy new year! Hope the role is treating you well.",
    "Thanks for putting in a good word for me with Dana — it meant a lot.",
    "Sam said you referred him last year and it changed his career.",
    "I start my new position on Monday!",
    "Any tips for negotiating a job offer?",
    "Any advice on how to ask for a referral without being pushy?",
    "Would you be open to a quick call about how you moved into consulting?",
    "I've been thinking about our conversation on career changes.",
    "Did the hiring freeze at your company end up affecting your team?",
    "I hope the recruitment drive went well.",
    "Are you still enjoying your role at the museum?",
    "Thanks for sending the job description — I'll read it tonight.",
    "I'm happy in my current job, just wanted to say hi.",
    "Good luck with the interviews for the new position on your team!",
    "Just checking in to see how your new job is going.",
    "Could you recommend a good book on negotiation?",
    "Would you pass my thanks to your team?",
    "Can you forward me the slides from your talk?",
    "Please send my regards to Maria.",
    "Let me know if you're ever in Berlin!",
    "I'm looking forward to catching up.",
    "I'm looking for a new flat, any tips on neighbourhoods?",
    "Your company's careers page looks great after the redesign.",
    "Hope the new hires are settling in.",
    "We finally filled the vacancy — thanks for sending Priya our way!",
    "I'd love to hear what you think about the job market for designers.",
    "What skills do you think hiring managers look for these days?",
    "Thanks for keeping me in mind for the panel — I'd be glad to speak.",
    "Will you be at the alumni dinner? It would be great to see you.",
    "I'm no longer job hunting — I accepted an offer at Initech!",
    "Happy to give you a referral to our dentist.",
    "Let me know if there's anything I can do for you.",
    "I passed your CV to our head of design as you asked; she'll be in touch.",
    "Which companies do you think are doing interesting work in climate tech?",
    "Could I ask how you got your start in journalism?",
    "My manager just posted an opening — would anyone in your circle be interested?",
    "Do you know anyone looking for a job? We have two openings.",
    "Sorry I missed your call — how's the job search going for your brother?",
    "You were so generous with your time. Thank you.",
    "How are the kids? We should catch up soon.",
    "I read about the merger; how is it affecting your role?",
    "Hope you're settling into the new position.",
    "Did you end up taking the job in Toronto?",
    "I would love your advice on whether to go back to school or keep working.",
    "Would you be willing to look over my CV and tell me what you'd change?",
    "Any feedback on my resume would be welcome.",
    "Remember when we both applied for that job at the library? Good times.",
    "I'm hiring a designer for my team — know anyone?",
    "Thank you for the job lead last spring; it led to my current role.",
    "I'm writing to thank you for recommending me for the Acme role — I got it!",
    "Do you have any openings in your calendar next week for a coffee?",
    "Are you free for lunch on Thursday?",
    "Let me know if anything changes with the launch date.",
    "Could you put me in touch with someone who has moved from teaching into "
    "UX? I'd love to hear how they did it.",
    "People always ask me if I know of any openings, and I never do!",
    "I know of a few openings at my firm — want me to pass your name along?",
    "Is there anything I can do to help with the launch?",
    "Are you going to the career fair on Friday?",
    "How's the hiring going for your new team?",
    "Congratulations on the promotion — the role suits you perfectly.",
    "Thanks so much for passing my CV to Dana — she called me yesterday!",
    "Thank you for referring me to Dr. Patel; the appointment went well.",
    "I was so glad to hear about your new position at the museum.",
    "Do you know if the conference is open to the public?",
    "Are there any openings left for the workshop on Saturday?",
    "I applied for the role you mentioned and have an interview on Friday — "
    "thank you for the tip!",
    "Would love to hear how the new role is going.",
    "My CV is finally up to date, thanks to your tips.",
    "I'd love your advice on whether to take the job offer from Initech.",
    "I turned down the position at Globex; it didn't feel right.",
    "Let me know when you're free for lunch.",
    "This isn't about jobs — I'd just love to hear how you made the switch.",
    "Not asking for a referral or anything, just curious how you like Acme.",
    "Our team has a few openings; feel free to share the link with anyone "
    "who might be interested.",
    "Let me know when you start the new position, I'll send flowers.",
    "Any plans for the new position?",
    "Any update on the role you interviewed for?",
    "I met someone who's hiring — want me to introduce you?",
    "Anything on your end I can help with?",
)

# Written after the rules above were settled; see the module docstring.
HOLDOUT_ASKS: Final = (
    "Long shot, but is your department taking on anyone new this year?",
    "Would your team have room for a data engineer like me?",
    "I noticed Acme posted a product role. Could you pass my name along to "
    "whoever is hiring for it?",
    "If there's ever an opening in your group, I'd love to be the first to know.",
    "Any idea if Globex is recruiting engineers?",
    "Could you recommend me to your hiring manager?",
    "Would you be my referral for the Stripe application?",
    "My contract ends in June, so I'm on the lookout for work. Do you know of "
    "anything going?",
    "Can you see if there are any openings for a nurse at your hospital?",
    "Is there a chance you could get my application in front of the right person?",
    "Please let me know if any roles open up at your firm.",
    "Mind if I use your name when I apply to Initech?",
    "Hey, saw the job ad for a UX lead at your company — could you put in a "
    "word for me?",
    "do you guys have any open roles rn",
    "I'd be so grateful for an intro to your recruiting team.",
    "Are you aware of any upcoming vacancies at the council?",
    "Could you let your HR people know I'm interested in the analyst job?",
    "Would you be comfortable referring me internally?",
    "Do you reckon your company would take me on?",
    "Know of any gigs for a freelance illustrator?",
    "I'm keen to get into Acme — could you help make that happen?",
    "If you spot any roles that suit me, would you forward them on?",
    "Could you slip my CV to the partners?",
    "Happy to send over my resume if your team is hiring.",
    "Would love to work with you again — anything suitable at your place?",
    "Any chance of a job at the new studio?",
    "Can you ask around your office about openings for me?",
    "Would you forward this to whoever handles hiring at your firm? My CV is attached.",
    "Hi Tom, great to bump into you at the conference. As you know I'm leaving "
    "academia, and I'd be very grateful if you could flag me to your colleagues "
    "in policy if a role comes up.",
    "Hello Ms. Chen, I'm a recent graduate and I'm reaching out to ask whether "
    "your firm has any entry-level positions available.",
)
HOLDOUT_FRIENDLY: Final = (
    "Your team's hiring post went viral — congrats!",
    "I've just accepted a role at the Red Cross; thought you'd like to know.",
    "Thanks for the advice on my CV — the new version is much tighter.",
    "Sorry to hear about the layoffs at your company. How are you holding up?",
    "Are you going to apply for the director position yourself?",
    "Could you tell me more about how your team structures interviews?",
    "We're looking for a mentor for our summer interns — would you be interested?",
    "I'm taking a break from work to look after my dad; I'll be in touch when "
    "things settle.",
    "Hope the new job comes with a shorter commute!",
    "Did you hear that Marta got the job at the ministry?",
    "Is there anything you need from me before the board meeting?",
    "I'm reading that book you recommended about hiring for culture.",
    "Could you send me the link to the job board you mentioned?",
    "Your talk on referral programmes was the highlight of the conference.",
    "Let me know if you'd like me to review the job description for the new post.",
    "We should get the old team together; are you free in May?",
    "I'm curious how you decided to leave consulting — would you tell me over "
    "coffee sometime?",
    "Just saw the news about your promotion. Well deserved!",
    "I shared your post about the open roles with two friends who might apply.",
    "If you ever need a hand with the hiring panel, I'm happy to help.",
    "Is it normal for interviews in your field to take five rounds?",
    "Would you recommend the leadership course you took last year?",
    "When is a good time for a call about your team's plans? No rush.",
    "My sister just got a position at your hospital — small world!",
    "Any thoughts on whether a career break looks bad on a CV?",
    "Thanks for thinking of me for that role; I'm staying put for now but I'm "
    "flattered.",
    "Can you believe it's been ten years since we started at Acme?",
    "Do you still keep in touch with anyone from the old lab?",
    "Are there any books on career changes you'd recommend?",
    "I'll be at the job fair on Saturday if you want to say hi.",
    "How did you get your foot in the door at the BBC?",
    "Please pass on my congratulations to the new hires.",
    "Could you let me know if the seminar has any seats left?",
    "Is your company's hiring process as long as people say?",
    "Good to hear the recruiting season is over for you!",
    "Could we find 20 minutes to talk about how you approach career planning?",
    "Hi Tom, it was great to bump into you at the conference. I've been "
    "thinking about what you said about moving from research into policy, and "
    "I'd love to hear more about how you made that jump. Would you have 20 "
    "minutes in the next few weeks?",
    "Hey Lina — congrats on the new role at Spotify! How are you finding the "
    "team so far?",
)

# Written after the rules were widened on what the first holdout showed.
HOLDOUT2_ASKS: Final = (
    "Dear Mr. Okafor, I am writing to enquire whether there may be any "
    "suitable vacancies within your organisation.",
    "Quick q — is Stripe still hiring backend folks?",
    "Would you keep me on your radar for the next graduate intake?",
    "If you could mention me to your boss, that would be amazing.",
    "My notice period ends next month — does your lab need a postdoc?",
    "Any chance you could get me an interview at Deloitte?",
    "Could you put me in touch with your recruiter?",
    "Do you know of any roles going in Manchester?",
    "Wondering if your company has any openings for a junior accountant.",
    "Would you pass my portfolio on to your creative director?",
    "I saw there's a vacancy on your team — would you be willing to recommend me?",
    "Are you recruiting for the Berlin office?",
    "Is there any possibility of a position opening up at your firm?",
    "Could you let me know if any vacancies come up?",
    "I'd appreciate it if you'd consider me for the opening.",
    "Can you help me find work in the theatre?",
    "Could you share my CV with the hiring team?",
    "Happy to chat if you have anything suitable for me.",
    "Would you mind if I listed you as a referral on my application?",
    "Would you have a job for me by any chance?",
    "Your team sounds great - do you think they'd take me?",
    "pls let me know if smth comes up, been job hunting for ages",
    "I'd love to work at Figma. Could you refer me internally?",
    "Do you know any hiring managers in fintech I could send my CV to?",
    "Would your manager be open to meeting me about the analyst vacancy?",
    "Are there openings in data science at your place?",
    "Thinking of applying to your company — could you put a word in for me?",
    "I've been unemployed since spring; if you hear of something, please think of me.",
    "Do you have any contract work at the moment?",
    "Could you recommend me to anyone hiring in your network?",
)
HOLDOUT2_FRIENDLY: Final = (
    "Dear Mr. Okafor, thank you for speaking at our careers evening; the "
    "students loved it.",
    "Is Stripe still as fun to work at as it was when you joined?",
    "I keep thinking about your advice to apply only where I know someone.",
    "My notice period ends next month, and then I'm off travelling for a while!",
    "Could you remind me of the name of that recruiter podcast you liked?",
    "Do you know of any good courses on public speaking?",
    "Would you pass my best wishes on to your team?",
    "I saw the vacancy on your team has been filled — congratulations on the new hire!",
    "Are you recruiting volunteers for the fun run again?",
    "Is there any possibility of moving our call to Friday?",
    "Let me know if any questions come up after the workshop.",
    "I'd appreciate your honest opinion on my portfolio before I send it out.",
    "Can you help me understand how promotions work at big firms?",
    "Could you share the recording with the rest of the team?",
    "Happy to chat whenever suits you — no agenda, just catching up.",
    "Would you have a moment for me next week? I'd love your take on a career "
    "decision.",
    "Your team sounds great — how long did it take to build?",
    "Been job hunting for ages, so your pep talk really helped. Thank you!",
    "I'd love to work with you on the charity auction again this year.",
    "Do you know any good hiring managers who'd give a talk to our students?",
    "We're thinking of hiring an intern — any advice on where to look?",
    "I listed your book as a reference in my thesis.",
    "Would your manager be open to a partnership with our charity?",
    "Thinking of you after the news about the restructuring — here if you "
    "need anything.",
    "I've been unemployed since spring, but I've just started a course and "
    "feel hopeful.",
    "Do you have any contract templates you could share?",
    "Could you recommend me a good podcast about leadership?",
    "Thanks for the intro to your recruiter friend — we had a lovely chat "
    "about careers.",
    "When you were hiring for your team, what made a cover letter stand out?",
    "Congrats on the job at Figma! Could we celebrate over lunch next week?",
    "Did your company end up hiring the candidate you liked?",
    "Please think of me when you plan the next reunion!",
    "Let me know if something opens up in your diary next week for coffee.",
    "I'm so grateful for your help with my application last year.",
    "How is the new team settling in after the reorganisation?",
    "If you're ever hiring, I know some brilliant designers.",
    "I passed the exam! Thanks for all the encouragement.",
    "Are you still looking for someone to take over the book club?",
)

# Written after the rules were widened on what the second holdout showed.
HOLDOUT3_ASKS: Final = (
    "Hi Jen,\n\nHope you’re well! I’m finishing my MBA in May and I’m "
    "exploring roles in healthcare strategy. Does McKinsey have any openings "
    "for associates this year?\n\nBest,\nOmar",
    "Would there be any room on your team for a part-time analyst?",
    "Is your firm taking on trainees this autumn?",
    "Could you ask your HR team whether they’d consider me?",
    "any jobs going at urs?",
    "I’d love to be put forward for the research assistant post.",
    "Since you work at Google, could you submit a referral for me?",
    "Do you know who I should send my CV to at your company?",
    "I'm applying to the Lisbon office next week. Would you be able to flag "
    "my application to the hiring lead?",
    "Any vacancies coming up at the hospital?",
    "Can you keep your ears open for any marketing jobs for me?",
    "Please do let me know should a suitable position become available.",
    "Do you think your company could use someone like me?",
    "Are they recruiting at the moment, do you know?",
    "I've just been made redundant – if you hear of any roles, I'd be really "
    "grateful if you could pass them on.",
    "Could you give my details to the team lead who's hiring?",
    "Can u get me a job at ur place lol",
    "Would you be happy to refer me for the Product Manager opening?",
    "Is there an open headcount on your side?",
    "Could you see if they have anything for me in the London office?",
    "I was hoping you might be able to help me get my foot in the door at Unilever.",
    "Know anyone at Shopify who could refer me?",
    "Do let me know if anything comes up – I've been between jobs since January.",
    "Would you be willing to vouch for me with the hiring committee?",
)
HOLDOUT3_FRIENDLY: Final = (
    "Hi Jen,\n\nCongratulations on making partner! I remember you saying it "
    "was your goal when we first met. How are you celebrating?\n\nBest,\nOmar",
    "Is your firm doing anything for the charity week this year?",
    "Could you ask your HR team whether the parking permits are ready?",
    "I'd love to be part of the alumni panel again if you're organising one.",
    "Are they still running the Thursday quiz at the Crown?",
    "Do you know who I should talk to about sponsoring the hackathon?",
    "I'm flagging this article for you — it reminded me of your project.",
    "Any news from the hospital? Thinking of you both.",
    "Can you keep your ears open for a good childminder near you?",
    "Please do let me know should you need anything from our side.",
    "I've just been made redundant, so I'm taking the summer off to rest "
    "before looking again.",
    "Could you give my love to your parents?",
    "Would you be happy to speak at our careers day in March?",
    "Is there an open mic night near you? I'm visiting next month.",
    "Could you see if they have any tickets left for Saturday?",
    "I was hoping you might be able to help me with a reference letter for my "
    "master's application.",
    "Know anyone at Shopify who'd be up for a coffee chat about e-commerce?",
    "Do let me know if anything comes up on your trip — I'd love to hear about it.",
    "How did the interviews for the new role go? Fingers crossed for you!",
    "I got the offer from Unilever — thank you for all your advice along the way!",
    "Are you still working with the recruiting team on the diversity programme?",
    "We should swap notes on managing remote teams sometime.",
    "Would you be willing to give feedback on my cover letter for the Lisbon role?",
    "I applied for the Lisbon role last week; fingers crossed!",
    "Your referral bonus story made me laugh — classic Dave.",
    "Can you believe the old office is being turned into flats?",
    "I'm thinking of moving into UX research; would you have 20 minutes to "
    "tell me what the job is really like?",
    "Thanks for vouching for me with the committee — I got the grant!",
    "Let me know if you need me to cover any shifts while you're away.",
    "I love how your company talks about its open roles on social media — very human.",
    "I'm hosting a panel on career changes; would you like to be one of the speakers?",
    "Can you let the team know I'll be ten minutes late?",
)

ASKS: Final = DEV_ASKS + HOLDOUT_ASKS + HOLDOUT2_ASKS + HOLDOUT3_ASKS
FRIENDLY: Final = (
    DEV_FRIENDLY + HOLDOUT_FRIENDLY + HOLDOUT2_FRIENDLY + HOLDOUT3_FRIENDLY
)


@dataclass(frozen=True, slots=True)
class Figures:
    """How the `openings-ask` rule does on a labelled set of drafts."""

    asks: int
    friendly: int
    missed: tuple[str, ...]
    false_alarms: tuple[str, ...]

    @property
    def recall(self) -> float:
        """Share of the asks flagged."""
        return (self.asks - len(self.missed)) / self.asks if self.asks else 1.0

    @property
    def false_alarm_rate(self) -> float:
        """Share of the friendly messages flagged."""
        return len(self.false_alarms) / self.friendly if self.friendly else 0.0


def flags_openings(text: str) -> bool:
    """Whether the linter calls this draft an openings ask."""
    return any(f.kind == "openings-ask" for f in lint(text))


def measure(asks: tuple[str, ...], friendly: tuple[str, ...]) -> Figures:
    """Run the linter over labelled drafts and count what it gets wrong."""
    return Figures(
        asks=len(asks),
        friendly=len(friendly),
        missed=tuple(t for t in asks if not flags_openings(t)),
        false_alarms=tuple(t for t in friendly if flags_openings(t)),
    )


def report(name: str, figures: Figures) -> str:
    """The figures as the lines docs/lint.md quotes."""
    lines = [
        f"{name}: {figures.asks} asks, {figures.friendly} friendly messages",
        f"  recall {figures.recall:.1%} "
        f"({figures.asks - len(figures.missed)}/{figures.asks})",
        f"  false alarms {figures.false_alarm_rate:.1%} "
        f"({len(figures.false_alarms)}/{figures.friendly})",
    ]
    lines += [f"  missed: {t!r}" for t in figures.missed]
    lines += [f"  false alarm: {t!r}" for t in figures.false_alarms]
    return "\n".join(lines)


def main() -> None:
    """Print the figures for the development, holdout and whole corpus."""
    sets = [
        ("development", measure(DEV_ASKS, DEV_FRIENDLY)),
        ("holdout 1", measure(HOLDOUT_ASKS, HOLDOUT_FRIENDLY)),
        ("holdout 2", measure(HOLDOUT2_ASKS, HOLDOUT2_FRIENDLY)),
        ("holdout 3", measure(HOLDOUT3_ASKS, HOLDOUT3_FRIENDLY)),
        ("whole corpus", measure(ASKS, FRIENDLY)),
    ]
    sys.stdout.write("\n".join(report(name, fig) for name, fig in sets) + "\n")


if __name__ == "__main__":
    main()
