// Template: the purchase journey — from a need through research, comparison and purchase to use and
// loyalty (the classic path of the background reading: "desiderio, bisogno… ricerca, confronto,
// acquisto, godimento"), with the channels of each touchpoint and where the customer struggles.
import { type TemplateSpec } from './build';

export const PURCHASE_SPEC: TemplateSpec = {
  id: 'purchase',
  title: { en: 'Purchase journey', it: 'Percorso di acquisto' },
  goal: { en: 'Buy a product that fits my need', it: 'Acquistare un prodotto adatto al mio bisogno' },
  description: {
    en: 'From the first need to a loyal customer: the touchpoints of each stage, their channels and how the customer feels.',
    it: 'Dal primo bisogno al cliente fedele: i touchpoint di ogni fase, i loro canali di contatto e come si sente il cliente.',
  },
  channels: [
    {
      id: 'ch-social',
      label: { en: 'Social media', it: 'Social media' },
      type: 'digital',
      medium: 'social',
      needs: [{ en: 'Discover products', it: 'Scoprire i prodotti' }],
    },
    {
      id: 'ch-web',
      label: { en: 'Website', it: 'Sito web' },
      type: 'digital',
      medium: 'web',
      needs: [
        { en: 'Find information', it: 'Trovare informazioni' },
        { en: 'Buy online', it: 'Acquistare online' },
      ],
    },
    {
      id: 'ch-reviews',
      label: { en: 'Review site', it: 'Sito di recensioni' },
      type: 'digital',
      medium: 'review',
      needs: [{ en: 'Trust other customers', it: 'Fidarsi di altri clienti' }],
    },
    {
      id: 'ch-store',
      label: { en: 'Store', it: 'Negozio' },
      type: 'physical',
      medium: 'store',
      needs: [{ en: 'See and try the product', it: 'Vedere e provare il prodotto' }],
    },
    { id: 'ch-email', label: { en: 'E-mail', it: 'E-mail' }, type: 'digital', medium: 'email' },
    {
      id: 'ch-delivery',
      label: { en: 'Home delivery', it: 'Consegna a domicilio' },
      type: 'physical',
      medium: 'other',
      needs: [{ en: 'Receive the product', it: 'Ricevere il prodotto' }],
    },
    {
      id: 'ch-phone',
      label: { en: 'Customer service phone', it: 'Telefono del servizio clienti' },
      type: 'digital',
      medium: 'phone',
      needs: [{ en: 'Get help', it: 'Ricevere assistenza' }],
    },
  ],
  owners: [
    {
      id: 'ow-marketing',
      name: { en: 'Marketing team', it: 'Team marketing' },
      role: { en: 'Marketing', it: 'Marketing' },
    },
    {
      id: 'ow-ecommerce',
      name: { en: 'E-commerce team', it: 'Team e-commerce' },
      role: { en: 'Online sales', it: 'Vendite online' },
    },
    {
      id: 'ow-care',
      name: { en: 'Customer care', it: 'Servizio clienti' },
      role: { en: 'Customer service manager', it: 'Customer service manager' },
    },
  ],
  stages: [
    {
      id: 'st-need',
      label: { en: 'Need', it: 'Bisogno' },
      goal: { en: 'Realise I need a product', it: 'Capire di avere bisogno di un prodotto' },
      ownerId: 'ow-marketing',
      touchpoints: [
        {
          id: 'tp-ad',
          label: { en: 'Sees an ad on social media', it: 'Vede una pubblicità sui social' },
          channelId: 'ch-social',
          emotion: 0,
        },
      ],
    },
    {
      id: 'st-research',
      label: { en: 'Research', it: 'Ricerca' },
      goal: { en: 'Learn what the options are', it: 'Conoscere le alternative' },
      ownerId: 'ow-marketing',
      touchpoints: [
        {
          id: 'tp-browse',
          label: { en: 'Browses the website', it: 'Naviga sul sito web' },
          channelId: 'ch-web',
          emotion: 1,
        },
        {
          id: 'tp-reviews',
          label: { en: 'Reads reviews', it: 'Legge le recensioni' },
          channelId: 'ch-reviews',
          emotion: 0,
        },
      ],
    },
    {
      id: 'st-compare',
      label: { en: 'Compare', it: 'Confronto' },
      goal: { en: 'Choose the right model', it: 'Scegliere il modello giusto' },
      ownerId: 'ow-ecommerce',
      touchpoints: [
        {
          id: 'tp-compare',
          label: { en: 'Compares models and prices', it: 'Confronta modelli e prezzi' },
          channelId: 'ch-web',
          emotion: -1,
          painPoints: [
            { en: 'Specifications are hard to compare', it: 'Le caratteristiche sono difficili da confrontare' },
          ],
          opportunities: [{ en: 'A side-by-side comparison tool', it: 'Uno strumento di confronto affiancato' }],
        },
        {
          id: 'tp-store-visit',
          label: { en: 'Asks a shop assistant', it: 'Chiede consiglio a un commesso' },
          channelId: 'ch-store',
          emotion: 1,
        },
      ],
    },
    {
      id: 'st-purchase',
      label: { en: 'Purchase', it: 'Acquisto' },
      goal: { en: 'Buy it easily', it: 'Acquistare senza difficoltà' },
      ownerId: 'ow-ecommerce',
      touchpoints: [
        {
          id: 'tp-checkout',
          label: { en: 'Checks out online', it: 'Completa l’ordine online' },
          channelId: 'ch-web',
          emotion: -1,
          painPoints: [{ en: 'Few payment options', it: 'Poche modalità di pagamento' }],
          opportunities: [{ en: 'Pay later and pick up in store', it: 'Pagamento posticipato e ritiro in negozio' }],
        },
        {
          id: 'tp-confirmation',
          label: { en: 'Receives the order confirmation', it: 'Riceve la conferma d’ordine' },
          channelId: 'ch-email',
          emotion: 1,
        },
      ],
    },
    {
      id: 'st-use',
      label: { en: 'Use', it: 'Utilizzo' },
      goal: { en: 'Enjoy the product', it: 'Godersi il prodotto' },
      ownerId: 'ow-care',
      touchpoints: [
        {
          id: 'tp-unboxing',
          label: { en: 'Receives the parcel and sets up the product', it: 'Riceve il pacco e configura il prodotto' },
          channelId: 'ch-delivery',
          emotion: 2,
        },
        {
          id: 'tp-support-call',
          label: { en: 'Calls support for help', it: 'Chiama l’assistenza per un aiuto' },
          channelId: 'ch-phone',
          emotion: -1,
          painPoints: [{ en: 'Long wait on hold', it: 'Lunga attesa in linea' }],
          opportunities: [{ en: 'Offer a call-back', it: 'Offrire il servizio di richiamata' }],
        },
      ],
    },
    {
      id: 'st-loyalty',
      label: { en: 'Loyalty', it: 'Fedeltà' },
      goal: { en: 'Come back and recommend', it: 'Tornare e consigliare il marchio' },
      ownerId: 'ow-marketing',
      touchpoints: [
        {
          id: 'tp-review',
          label: { en: 'Writes a review', it: 'Scrive una recensione' },
          channelId: 'ch-reviews',
          emotion: 1,
        },
        {
          id: 'tp-newsletter',
          label: { en: 'Gets offers by e-mail', it: 'Riceve offerte via e-mail' },
          channelId: 'ch-email',
          emotion: 1,
          opportunities: [{ en: 'Offers based on what was bought', it: 'Offerte basate sugli acquisti fatti' }],
        },
      ],
    },
  ],
};
