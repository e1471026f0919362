// OGraf entry point of swing.html: the template itself, in a Web Component.
import { templateGraphic } from '../runtime/ograf-graphic.mjs';

export default templateGraphic('../templates/swing.html');
