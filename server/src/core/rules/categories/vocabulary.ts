import { vocabularyRule } from '../lists';

export default vocabularyRule('categories');
