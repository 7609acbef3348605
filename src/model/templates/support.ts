// Template: omnichannel customer support — the contact-centre journey of the background reading: a
// customer in trouble writes an e-mail, calls the contact centre about it, continues on WhatsApp,
// chats on the website, then leaves a review on a review site. Emotion falls while the customer has
// to repeat the problem and recovers once the channels share the history.
import { type TemplateSpec } from './build';

export const SUPPORT_SPEC: TemplateSpec = {
  id: 'omnichannel-support',
  title: { en: 'Omnichannel customer support', it: 'Assistenza clienti omnicanale' },
  goal: { en: 'Get my problem solved', it: 'Risolvere il mio problema' },
  description: {
    en: 'One request followed across e-mail, phone, WhatsApp, web chat and a review site: where the channel transitions cause friction.',
    it: 'Una richiesta seguita tra e-mail, telefono, WhatsApp, chat sul sito e sito di recensioni: dove i passaggi da un canale all’altro creano attrito.',
  },
  channels: [
    {
      id: 'ch-email',
      label: { en: 'E-mail', it: 'E-mail' },
      type: 'digital',
      medium: 'email',
      needs: [{ en: 'Describe a problem in writing', it: 'Descrivere un problema per iscritto' }],
    },
    {
      id: 'ch-phone',
      label: { en: 'Contact centre phone', it: 'Telefono del contact center' },
      type: 'digital',
      medium: 'phone',
      needs: [{ en: 'Talk to a person', it: 'Parlare con una persona' }],
    },
    {
      id: 'ch-whatsapp',
      label: { en: 'WhatsApp', it: 'WhatsApp' },
      type: 'digital',
      medium: 'messaging',
      needs: [{ en: 'Follow up at any time', it: 'Proseguire in qualsiasi momento' }],
    },
    {
      id: 'ch-webchat',
      label: { en: 'Web chat', it: 'Chat sul sito' },
      type: 'digital',
      medium: 'messaging',
      needs: [{ en: 'Quick answers while buying', it: 'Risposte rapide durante l’acquisto' }],
    },
    {
      id: 'ch-reviews',
      label: { en: 'Review site', it: 'Sito di recensioni' },
      type: 'digital',
      medium: 'review',
      needs: [{ en: 'Share the experience', it: 'Condividere l’esperienza' }],
    },
  ],
  owners: [
    {
      id: 'ow-contact-centre',
      name: { en: 'Contact centre', it: 'Contact center' },
      role: { en: 'Customer service manager', it: 'Customer service manager' },
    },
    {
      id: 'ow-digital-care',
      name: { en: 'Digital care team', it: 'Team assistenza digitale' },
      role: { en: 'Messaging and chat', it: 'Messaggistica e chat' },
    },
    {
      id: 'ow-reputation',
      name: { en: 'Online reputation', it: 'Reputazione online' },
      role: { en: 'Reviews and social', it: 'Recensioni e social' },
    },
  ],
  stages: [
    {
      id: 'st-report',
      label: { en: 'Report the problem', it: 'Segnalazione' },
      goal: { en: 'Explain what went wrong', it: 'Spiegare che cosa non va' },
      ownerId: 'ow-contact-centre',
      touchpoints: [
        {
          id: 'tp-email',
          label: { en: 'Writes an e-mail to support', it: 'Scrive una e-mail all’assistenza' },
          channelId: 'ch-email',
          emotion: -1,
          painPoints: [{ en: 'No acknowledgement for hours', it: 'Nessuna conferma di ricezione per ore' }],
          opportunities: [
            { en: 'Automatic reply with a ticket number', it: 'Risposta automatica con il numero di pratica' },
          ],
        },
      ],
    },
    {
      id: 'st-call',
      label: { en: 'Call', it: 'Chiamata' },
      goal: { en: 'Speak to someone who knows the case', it: 'Parlare con qualcuno che conosce il caso' },
      ownerId: 'ow-contact-centre',
      touchpoints: [
        {
          id: 'tp-call',
          label: {
            en: 'Calls the contact centre about the e-mail',
            it: 'Telefona al servizio clienti citando la e-mail',
          },
          channelId: 'ch-phone',
          emotion: -2,
          painPoints: [
            { en: 'Has to explain the problem again from scratch', it: 'Deve rispiegare il problema da capo' },
          ],
          opportunities: [
            { en: 'Show the agent every earlier contact', it: 'Mostrare all’operatore tutti i contatti precedenti' },
          ],
        },
      ],
    },
    {
      id: 'st-follow-up',
      label: { en: 'Follow-up', it: 'Approfondimento' },
      goal: { en: 'Clear the remaining doubts', it: 'Chiarire i dubbi rimasti' },
      ownerId: 'ow-digital-care',
      touchpoints: [
        {
          id: 'tp-whatsapp',
          label: { en: 'Continues on WhatsApp', it: 'Prosegue su WhatsApp' },
          channelId: 'ch-whatsapp',
          emotion: 0,
          opportunities: [{ en: 'Accept photos and voice messages', it: 'Accettare foto e messaggi vocali' }],
        },
      ],
    },
    {
      id: 'st-new-purchase',
      label: { en: 'New purchase', it: 'Nuovo acquisto' },
      goal: { en: 'Buy with confidence', it: 'Acquistare con fiducia' },
      ownerId: 'ow-digital-care',
      touchpoints: [
        {
          id: 'tp-webchat',
          label: { en: 'Chats on the website', it: 'Chatta sul sito' },
          channelId: 'ch-webchat',
          emotion: 1,
        },
      ],
    },
    {
      id: 'st-review',
      label: { en: 'Review', it: 'Recensione' },
      goal: { en: 'Tell others how it went', it: 'Raccontare agli altri com’è andata' },
      ownerId: 'ow-reputation',
      touchpoints: [
        {
          id: 'tp-review',
          label: { en: 'Leaves a review on a review site', it: 'Lascia una recensione su un sito di recensioni' },
          channelId: 'ch-reviews',
          emotion: 1,
          opportunities: [{ en: 'Answer every review', it: 'Rispondere a ogni recensione' }],
        },
      ],
    },
  ],
  // the seed's contact-centre story: nobody should have to repeat the problem on every channel
  extraNeeds: [
    { label: { en: 'Not repeat the problem', it: 'Non dover ripetere il problema' }, priority: 'high' },
    { label: { en: 'Be called back', it: 'Essere richiamato' }, priority: 'medium' },
  ],
  personas: [
    {
      id: 'pe-digital',
      name: { en: 'Giulia, digital first', it: 'Giulia, prima il digitale' },
      description: {
        en: 'Writes when it suits her, from her phone; a call in office hours is a last resort.',
        it: 'Scrive quando le è comodo, dal telefono; una chiamata in orario d’ufficio è l’ultima risorsa.',
      },
      needs: [
        ['Follow up at any time', 3],
        ['Not repeat the problem', 3],
        ['Quick answers while buying', 2],
      ],
      channels: [
        ['ch-whatsapp', 'preferred'],
        ['ch-webchat', 'preferred'],
        ['ch-email', 'acceptable'],
        ['ch-phone', 'avoided'],
      ],
    },
    {
      id: 'pe-voice',
      name: { en: 'Marco, wants a person', it: 'Marco, vuole una persona' },
      description: {
        en: 'Calls first and wants one person to own the problem until it is solved.',
        it: 'Chiama per primo e vuole che una persona segua il problema fino alla soluzione.',
      },
      needs: [
        ['Talk to a person', 3],
        ['Be called back', 2],
        ['Not repeat the problem', 2],
        ['Follow up at any time', 1],
      ],
      channels: [
        ['ch-phone', 'preferred'],
        ['ch-email', 'acceptable'],
        ['ch-whatsapp', 'avoided'],
        ['ch-webchat', 'avoided'],
      ],
    },
  ],
};
