/** The follow-up mail: one question about practice, N weeks after completing a course. */
import type { MailMessage } from './mailer';
import { compose } from './messages';

export function followUpMessage(input: { to: string; name: string; courseTitle: string; url: string; orgName: string; reminder: boolean }): MailMessage {
  return compose({
    to: input.to,
    orgName: input.orgName,
    subject: input.reminder ? `Muistutus: oletko ottanut kurssin ${input.courseTitle} opit käyttöön?` : `Oletko ottanut kurssin ${input.courseTitle} opit käyttöön?`,
    greeting: `Hei ${input.name},`,
    paragraphs: [
      `Suoritit jokin aika sitten kurssin ${input.courseTitle}. Kysymme kahdella kysymyksellä, onko kurssilla opittu näkynyt työssäsi. Vastaaminen vie minuutin, eikä siihen tarvitse kirjautua.`,
      'Vastaukset käsitellään nimettöminä, ja ne näytetään vain vähintään viiden vastaajan ryhmissä.',
      input.reminder ? 'Tämä on ainoa muistutus.' : 'Linkki toimii kerran ja 60 päivää.',
    ],
    action: { label: 'Vastaa kahteen kysymykseen', url: input.url },
  });
}
