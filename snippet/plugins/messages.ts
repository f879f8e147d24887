// Plugin `messages` (dist/pixel.messages.js): the text of every console line, by code.
export { MESSAGES as default } from '../core/messages'
