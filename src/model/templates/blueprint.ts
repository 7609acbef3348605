// Template: a service blueprint — a home repair visit. Each stage pairs what the customer meets
// (frontstage, lane 'front') with what the company does out of sight to make it happen (backstage,
// lane 'back', drawn in the Backstage lane). Only frontstage touchpoints are on the customer's path;
// backstage actions carry no emotion of their own (0).
import { type TemplateSpec } from './build';

export const BLUEPRINT_SPEC: TemplateSpec = {
  id: 'service-blueprint',
  title: { en: 'Service blueprint: home repair', it: 'Service blueprint: riparazione a domicilio' },
  goal: { en: 'Get an appliance repaired at home', it: 'Far riparare un elettrodomestico a casa' },
  description: {
    en: 'Frontstage touchpoints and the backstage actions behind them, stage by stage.',
    it: 'I touchpoint in primo piano e le attività di retroscena che li rendono possibili, fase per fase.',
  },
  channels: [
    {
      id: 'ch-web',
      label: { en: 'Website', it: 'Sito web' },
      type: 'digital',
      medium: 'web',
      needs: [{ en: 'Book a visit', it: 'Prenotare un intervento' }],
    },
    {
      id: 'ch-sms',
      label: { en: 'Text messages', it: 'SMS' },
      type: 'digital',
      medium: 'messaging',
      needs: [{ en: 'Know when the technician comes', it: 'Sapere quando arriva il tecnico' }],
    },
    {
      id: 'ch-visit',
      label: { en: 'Technician at home', it: 'Tecnico a domicilio' },
      type: 'physical',
      medium: 'other',
      needs: [{ en: 'Have the repair done', it: 'Ottenere la riparazione' }],
    },
    {
      id: 'ch-email',
      label: { en: 'E-mail', it: 'E-mail' },
      type: 'digital',
      medium: 'email',
      needs: [{ en: 'Receive documents', it: 'Ricevere i documenti' }],
    },
    {
      id: 'ch-internal',
      label: { en: 'Internal systems', it: 'Sistemi interni' },
      type: 'digital',
      medium: 'other',
      needs: [{ en: 'Coordinate the teams', it: 'Coordinare i reparti' }],
    },
    { id: 'ch-warehouse', label: { en: 'Warehouse', it: 'Magazzino' }, type: 'physical', medium: 'other' },
  ],
  owners: [
    {
      id: 'ow-planning',
      name: { en: 'Planning office', it: 'Ufficio pianificazione' },
      role: { en: 'Scheduling', it: 'Pianificazione interventi' },
    },
    {
      id: 'ow-field',
      name: { en: 'Field service', it: 'Assistenza tecnica' },
      role: { en: 'Field service manager', it: 'Responsabile assistenza tecnica' },
    },
    {
      id: 'ow-billing',
      name: { en: 'Billing', it: 'Amministrazione' },
      role: { en: 'Invoices and payments', it: 'Fatture e pagamenti' },
    },
  ],
  stages: [
    {
      id: 'st-book',
      label: { en: 'Book', it: 'Prenotazione' },
      goal: { en: 'Get a slot that suits me', it: 'Ottenere un appuntamento comodo' },
      ownerId: 'ow-planning',
      touchpoints: [
        {
          id: 'tp-book',
          label: { en: 'Books a visit online', it: 'Prenota l’intervento online' },
          channelId: 'ch-web',
          emotion: 0,
          painPoints: [{ en: 'Only four-hour time windows', it: 'Solo fasce orarie di quattro ore' }],
        },
        {
          id: 'bk-schedule',
          label: { en: 'Scheduling assigns a technician', it: 'La pianificazione assegna un tecnico' },
          channelId: 'ch-internal',
          emotion: 0,
          lane: 'back',
        },
      ],
    },
    {
      id: 'st-wait',
      label: { en: 'Wait', it: 'Attesa' },
      goal: { en: 'Know what happens next', it: 'Sapere che cosa succede' },
      ownerId: 'ow-planning',
      touchpoints: [
        {
          id: 'tp-reminder',
          label: { en: 'Gets a reminder with the arrival time', it: 'Riceve un promemoria con l’orario di arrivo' },
          channelId: 'ch-sms',
          emotion: 1,
          opportunities: [{ en: 'Live tracking of the technician', it: 'Posizione del tecnico in tempo reale' }],
        },
        {
          id: 'bk-parts',
          label: { en: 'Warehouse prepares the spare parts', it: 'Il magazzino prepara i ricambi' },
          channelId: 'ch-warehouse',
          emotion: 0,
          lane: 'back',
        },
      ],
    },
    {
      id: 'st-visit',
      label: { en: 'Visit', it: 'Intervento' },
      goal: { en: 'Have it fixed the first time', it: 'Risolvere al primo intervento' },
      ownerId: 'ow-field',
      touchpoints: [
        {
          id: 'tp-repair',
          label: { en: 'The technician repairs the appliance', it: 'Il tecnico ripara l’elettrodomestico' },
          channelId: 'ch-visit',
          emotion: -1,
          painPoints: [
            { en: 'A missing part means a second visit', it: 'Un ricambio mancante costringe a un secondo intervento' },
          ],
          opportunities: [
            {
              en: 'Check the parts against the fault when booking',
              it: 'Verificare i ricambi in base al guasto già alla prenotazione',
            },
          ],
        },
        {
          id: 'bk-report',
          label: { en: 'Technician files the job report', it: 'Il tecnico registra il rapporto di intervento' },
          channelId: 'ch-internal',
          emotion: 0,
          lane: 'back',
        },
      ],
    },
    {
      id: 'st-pay',
      label: { en: 'Pay', it: 'Pagamento' },
      goal: { en: 'Pay and keep the paperwork', it: 'Pagare e conservare i documenti' },
      ownerId: 'ow-billing',
      touchpoints: [
        {
          id: 'tp-invoice',
          label: { en: 'Receives the invoice and pays online', it: 'Riceve la fattura e paga online' },
          channelId: 'ch-email',
          emotion: 1,
        },
        {
          id: 'bk-billing',
          label: { en: 'Billing issues the invoice', it: 'L’amministrazione emette la fattura' },
          channelId: 'ch-internal',
          emotion: 0,
          lane: 'back',
        },
      ],
    },
  ],
};
